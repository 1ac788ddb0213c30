"""The time budget counts the analysis thread's CPU time, so waiting (a loaded machine,
a sleeping thread) never stops a file that fits, while spinning past the budget does."""

from __future__ import annotations

import threading
import time

from shapelint.engine import _wait


def test_a_thread_that_waits_is_not_stopped_by_wall_time() -> None:
    thread = threading.Thread(target=time.sleep, args=(0.6,))
    thread.start()
    started = time.monotonic()
    _wait(thread, 0.2)
    assert not thread.is_alive()
    assert time.monotonic() - started >= 0.5


def test_a_thread_that_spins_is_stopped_at_its_cpu_budget() -> None:
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    thread = threading.Thread(target=spin)
    thread.start()
    started = time.monotonic()
    _wait(thread, 0.2)
    still_running = thread.is_alive()
    stop.set()
    thread.join()
    assert still_running
    assert 0.2 <= time.monotonic() - started < 0.2 * 10 + 1
