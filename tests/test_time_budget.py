"""The time budget counts the analysis thread's CPU time, so waiting (a loaded machine,
a sleeping thread) never stops a file that fits, while spinning past the budget does."""

from __future__ import annotations

import threading
import time

from shapelint.deep_run import _own_cpu_clock, _wait


def test_a_thread_that_waits_is_not_stopped_by_wall_time() -> None:
    clocks: list[int | None] = []

    def sleep() -> None:
        clocks.extend(_own_cpu_clock())
        time.sleep(0.6)

    thread = threading.Thread(target=sleep)
    thread.start()
    started = time.monotonic()
    _wait(thread, 0.2, clocks)
    assert not thread.is_alive()
    assert time.monotonic() - started >= 0.5


def test_a_thread_that_spins_is_stopped_at_its_cpu_budget() -> None:
    stop = threading.Event()

    clocks: list[int | None] = []

    def spin() -> None:
        clocks.extend(_own_cpu_clock())
        while not stop.is_set():
            pass

    thread = threading.Thread(target=spin)
    started = time.monotonic()  # before start(): the thread may spin before start() returns
    thread.start()
    _wait(thread, 0.2, clocks)
    still_running = thread.is_alive()
    stop.set()
    thread.join()
    assert still_running
    assert 0.2 <= time.monotonic() - started < 0.2 * 10 + 1


def test_many_short_files_never_crash_the_watchdog() -> None:
    """The clock id is read by the analysis thread itself: a thread that ends before the
    watchdog looks must not be asked for its clock (that read freed memory: SIGSEGV)."""
    from shapelint.engine import lint_source

    for _ in range(300):
        assert lint_source("import numpy as np\nx = 1\n") == []
