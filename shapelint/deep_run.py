"""Running the analysis on its own thread: a large stack and a raised recursion limit (deeply
nested code must not overflow the caller's), stopped when it has used its CPU-time budget.
Every front end goes through ``run_deep``, so one slow file cannot hang a run.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
WALL_FACTOR = 10  # the wall-clock backstop of a CPU-time budget
STACK_BYTES = 256 * 2**20  # the analysis thread's stack: address space, touched only if used
RECURSION_LIMIT = 25_000  # enough to traverse 500 nested levels and 3,000 joined strings
# A stopped analysis ends at its next Python instruction, but native code (libcst's parser
# holds the GIL) finishes its stretch first; waiting for that keeps an abandoned thread from
# starving the next file. Only a native stretch longer than this is left running.
UNWIND_WAIT = 120.0
INTERRUPT_WAIT = 5.0  # how long Ctrl-C waits for the analysis thread to unwind


class _Stopped(BaseException):
    """Raised inside an analysis thread that ran past its budget; a BaseException so the
    analysis's own ``except Exception`` handlers cannot swallow it."""


_deep_lock = threading.Lock()
_deep_runs = 0
_saved_limit = 0


def run_deep(work: Callable[[], T], budget: float) -> T | None:
    """``work()`` on a thread with a large stack and a raised recursion limit, waiting at most
    ``budget`` seconds; None when it ran past the budget (it is then stopped at its next
    Python instruction: native code such as libcst's parser cannot be interrupted)."""
    box: list[T | BaseException] = []
    clocks: list[int | None] = []

    def target() -> None:
        try:
            try:
                clocks.extend(_own_cpu_clock())
                box.append(work())
            except BaseException as exc:  # handed to the caller, re-raised there
                box.append(exc)
        except _Stopped:  # the stop arrived while the result was being stored
            return

    thread = _start_deep(target)
    if thread is None:  # no threads here: run inline with the caller's stack
        return work()
    try:
        try:
            _wait(thread, budget, clocks)
        except BaseException:  # Ctrl-C: stop the analysis before the interpreter shuts down
            _stop(thread)
            thread.join(INTERRUPT_WAIT)
            raise
        if thread.is_alive():
            _stop(thread)
            thread.join(UNWIND_WAIT)
            return None
    finally:
        _leave_deep()
    if not box or isinstance(box[0], _Stopped):
        return None
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def _own_cpu_clock() -> list[int | None]:
    """The calling thread's CPU clock, read by the thread itself while it is surely alive
    (asking for another thread's clock after it ended reads freed memory); None where
    there is none. (Linux clock ids of threads are negative.)"""
    try:
        return [time.pthread_getcpuclockid(threading.get_ident())]
    except (AttributeError, OSError):
        return [None]


def _wait(thread: threading.Thread, budget: float, clocks: list[int | None]) -> None:
    """Wait until the thread ends or has used ``budget`` seconds of CPU. CPU time, not wall
    time, so a busy machine (a pool, a parallel test run) cannot stop a file that fits; wall
    time bounds the wait only where the thread's CPU clock cannot be read, or at ten times
    the budget. ``clocks`` receives the thread's clock id from the thread itself."""
    if not 0 < budget < threading.TIMEOUT_MAX:  # inf, NaN: no limit
        thread.join()
        return
    give_up = time.monotonic() + budget * WALL_FACTOR
    while thread.is_alive() and not clocks:  # the thread reads its clock first thing
        thread.join(0.001)
    clock = clocks[0] if clocks else None
    if clock is None:
        thread.join(budget)  # no CPU clock here: wall time
        return
    while thread.is_alive():
        try:
            remaining = budget - time.clock_gettime(clock)
        except OSError:  # the thread ended between the check and the read
            break
        if remaining <= 0 or time.monotonic() >= give_up:
            return
        thread.join(max(remaining, 0.01))  # CPU time cannot outrun wall time


def _start_deep(target: Callable[[], None]) -> threading.Thread | None:
    """Start ``target`` on a large-stack thread with the raised recursion limit; None when
    this platform refuses the stack size or the thread (the caller then runs inline, with
    its own limits: a raised limit on a small stack could overflow it)."""
    global _deep_runs, _saved_limit
    with _deep_lock:
        try:
            previous = threading.stack_size(STACK_BYTES)
        except (ValueError, RuntimeError):
            return None
        try:
            thread = threading.Thread(target=target, name="shapelint-analysis", daemon=True)
            if _deep_runs == 0:
                _saved_limit = sys.getrecursionlimit()
                sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
            _deep_runs += 1
            try:
                thread.start()
            except RuntimeError:
                _deep_runs -= 1
                if _deep_runs == 0:
                    sys.setrecursionlimit(_saved_limit)
                return None
        finally:
            threading.stack_size(previous)
    return thread


def _leave_deep() -> None:
    global _deep_runs
    with _deep_lock:
        _deep_runs -= 1
        if _deep_runs == 0:
            sys.setrecursionlimit(_saved_limit)


def _stop(thread: threading.Thread) -> None:
    """Raise ``_Stopped`` in ``thread`` at its next Python instruction (CPython only)."""
    ident = thread.ident
    set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if ident is not None and set_async_exc is not None:
        set_async_exc(ctypes.c_ulong(ident), ctypes.py_object(_Stopped))
