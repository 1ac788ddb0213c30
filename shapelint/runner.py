"""Linting many files: the content cache first, then a process pool for what is left.

Why a pool of our own rather than ``ProcessPoolExecutor``: when a worker dies (the native
parser can crash, the kernel can kill a process) the executor only says "broken" for every
pending task. Here each worker streams one result per file over its own pipe, so the parent
always knows the exact file a dead worker was on: that file gets one SHP900, the rest of the
worker's chunk goes back on the queue, a fresh worker takes over, and no other finding is lost.

Small runs never pay for a pool: below ``POOL_MIN_BYTES`` of uncached source (or with one
file, or one job) everything runs in this process. Work goes out largest files first, in
chunks small enough to keep every core busy until the end.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from shapelint.cache import Cache, open_cache
from shapelint.config import Config
from shapelint.diagnostics import Diagnostic, Position, Severity

# Below this much uncached source a pool is not worth starting. Workers import libcst in
# parallel (~0.4 s, which a serial run pays too), so the pool's real cost is the fork and the
# messages; the corpus measured ~5 s of analysis per MB, so this is ~0.5 s of work.
POOL_MIN_BYTES = 100_000
MAX_CHUNK = 8
WORKER_CRASHED = "analysis crashed the worker"
CRASH_REMEDY = "; a bug in libcst or shapelint: please report it with the file"

LintOne = Callable[[str], list[Diagnostic]]
Progress = Callable[[int], None]  # called with the number of files just finished


@dataclass(frozen=True)
class Target:
    """One file to lint with its project's settings."""

    path: str
    config: Config  # the full settings: the analysis part runs, the selection applies after
    root: str | None = None  # where ``per-file-ignores`` are anchored (None: the cwd)
    cache: Cache | None = None


def lint_paths(
    files: Sequence[str],
    config: Config,
    *,
    jobs: int | None = None,
    cache_dir: str | None = None,
    root: str | None = None,
) -> list[Diagnostic]:
    """Findings for every file, sorted by path and position.

    ``jobs=None`` uses every core; ``cache_dir=None`` disables the cache. ``per-file-ignores``
    are matched relative to ``root`` (None: the working directory).
    """
    cache = open_cache(cache_dir, config) if cache_dir is not None else None
    return lint_targets([Target(path, config, root, cache) for path in files], jobs=jobs)


def lint_targets(
    targets: Sequence[Target], *, jobs: int | None = None, progress: Progress | None = None
) -> list[Diagnostic]:
    """The content cache first, then the engine (in a pool when worth it) for the misses;
    then ``noqa`` and the selection, on cached and fresh results alike."""
    by_path: dict[str, Target] = {}
    for target in targets:
        by_path.setdefault(target.path, target)
    raw: dict[str, list[Diagnostic]] = {}
    misses: list[tuple[str, int]] = []
    for path, target in by_path.items():
        cached = _cached(target.cache, path)
        if cached is None:
            misses.append((path, _size(path)))
        else:
            raw[path] = cached
    if progress is not None and raw:
        progress(len(raw))
    analysed = run(
        misses, functools.partial(_lint_target, by_path=by_path), jobs=jobs, progress=progress
    )
    for diag in analysed:
        raw.setdefault(diag.path, []).append(diag)
    results: list[Diagnostic] = []
    for path, target in by_path.items():
        results.extend(finish(raw.get(path, []), target))
    return sorted(results, key=Diagnostic.sort_key)


def finish(raw: list[Diagnostic], target: Target, text: str | None = None) -> list[Diagnostic]:
    """``noqa`` comments, then the selection and ``per-file-ignores``, on the unfiltered
    analysis of one file. ``text`` is read from the file when needed and not given."""
    from shapelint import notebook_noqa
    from shapelint.checks import is_enabled
    from shapelint.notebook import is_notebook
    from shapelint.suppression import UNUSED_NOQA, suppress, unused_noqa

    config = target.config
    selection = replace(config, per_file_ignores=())
    file_ignores = config.ignored_in_file(target.path, target.root)
    if not raw and not is_enabled(selection, UNUSED_NOQA, target.path):
        return []
    if text is None:
        text = _read_text(target.path)
    report_unused = is_enabled(selection, UNUSED_NOQA, target.path)
    if text is not None and is_notebook(target.path):
        found = notebook_noqa.finish(raw, text, target.path, report_unused)
    elif text is not None:
        found = suppress(raw, text)
        if report_unused:
            found += suppress(unused_noqa(raw, text, target.path), text)
    else:
        found = list(raw)
    return [
        d
        for d in found
        if is_enabled(selection, d.code, d.path)
        and not any(d.code.startswith(s) or s == "ALL" for s in file_ignores)
    ]


def _read_text(path: str) -> str | None:
    from shapelint.engine import decode

    try:
        with open(path, "rb") as handle:
            return decode(handle.read())
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
        return None


def _lint_target(path: str, by_path: dict[str, Target]) -> list[Diagnostic]:
    target = by_path[path]
    return lint_and_store(path, target.config.analysis(), target.cache)


def lint_and_store(path: str, config: Config, cache: Cache | None) -> list[Diagnostic]:
    """One file through the engine, unfiltered (``config`` is an analysis config); the
    findings are cached under the bytes actually analysed."""
    from shapelint.engine import decode, depends_on_time, lint_document, lint_file

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = decode(data)
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
        return lint_file(path, config)  # the engine words the failure; not cached
    diagnostics = lint_document(text, path, config, noqa=False)
    if cache is not None and not any(depends_on_time(d) for d in diagnostics):
        cache.store(path, data, diagnostics)
    return diagnostics


def run(
    work: Sequence[tuple[str, int]],
    lint_one: LintOne,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Diagnostic]:
    """``lint_one`` over every ``(path, size)``, in this process or a pool of ``jobs`` workers;
    ``progress`` hears of each finished file."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    total = sum(size for _, size in work)
    if jobs == 1 or len(work) <= 1 or total < POOL_MIN_BYTES:
        return _serial(work, lint_one, progress)
    chunks = chunked(work, target=total // (jobs * 16))
    return _Pool(lint_one, min(jobs, len(chunks)), progress).run(chunks)


def _serial(
    work: Sequence[tuple[str, int]], lint_one: LintOne, progress: Progress | None
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for path, _ in work:
        out.extend(lint_one(path))
        if progress is not None:
            progress(1)
    return out


def chunked(work: Sequence[tuple[str, int]], target: int) -> deque[list[str]]:
    """Largest files first, each chunk up to ``target`` bytes or ``MAX_CHUNK`` files.

    Big files travel alone and come first, small ones share a message and fill the tail,
    so no core sits idle while another finishes a giant.
    """
    chunks: deque[list[str]] = deque()
    current: list[str] = []
    filled = 0
    for path, size in sorted(work, key=lambda item: -item[1]):
        current.append(path)
        filled += size
        if filled >= target or len(current) == MAX_CHUNK:
            chunks.append(current)
            current, filled = [], 0
    if current:
        chunks.append(current)
    return chunks


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    chunk: list[str] = field(default_factory=list)  # files sent and not yet answered


class _Pool:
    def __init__(self, lint_one: LintOne, jobs: int, progress: Progress | None = None) -> None:
        self.lint_one = lint_one
        self.jobs = jobs
        self.progress = progress
        self.context = multiprocessing.get_context()
        self.results: list[Diagnostic] = []

    def run(self, chunks: deque[list[str]]) -> list[Diagnostic]:
        workers: list[_Worker] = []
        try:
            while chunks or workers:
                while chunks and len(workers) < self.jobs:
                    worker = self._start()
                    workers.append(worker)
                    self._give(worker, chunks)
                self._serve(workers, chunks)
        finally:
            for worker in workers:
                worker.process.kill()
                worker.process.join()
        return self.results

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_work, args=(child, self.lint_one), daemon=True)
        with _sigint_ignored():  # a worker is born deaf to Ctrl-C: the parent handles it
            process.start()
        child.close()
        return _Worker(process, parent)

    def _give(self, worker: _Worker, chunks: deque[list[str]]) -> None:
        worker.chunk = chunks.popleft()
        try:
            worker.conn.send(worker.chunk)
        except OSError:
            pass  # the worker is dead: the next wait sees its sentinel and buries it

    def _serve(self, workers: list[_Worker], chunks: deque[list[str]]) -> None:
        """Wait for any result or death, and handle everything that is ready."""
        by_handle: dict[object, _Worker] = {}
        handles: list[Connection | int] = []
        for worker in workers:
            by_handle[worker.conn] = by_handle[worker.process.sentinel] = worker
            handles += [worker.conn, worker.process.sentinel]
        for handle in wait(handles):
            worker = by_handle[handle]
            if worker not in workers:
                continue
            if not self._receive(worker):
                self._bury(worker, chunks)
                workers.remove(worker)
            elif not worker.chunk:
                if chunks:
                    self._give(worker, chunks)
                else:
                    self._stop(worker)
                    workers.remove(worker)

    def _stop(self, worker: _Worker) -> None:
        try:
            worker.conn.send(None)
        except OSError:
            pass  # already gone, with nothing left to do
        worker.process.join()
        worker.conn.close()

    def _receive(self, worker: _Worker) -> bool:
        """Take every finished file's findings; False when the worker is gone."""
        try:
            while worker.conn.poll():
                path, diagnostics = worker.conn.recv()
                worker.chunk.remove(path)
                self.results.extend(diagnostics)
                if self.progress is not None:
                    self.progress(1)
        except (EOFError, OSError):
            return False
        return worker.process.is_alive()

    def _bury(self, worker: _Worker, chunks: deque[list[str]]) -> None:
        """A dead worker: its current file gets one SHP900, the rest of its chunk is requeued."""
        worker.process.join()
        worker.conn.close()
        if worker.chunk:
            culprit, *rest = worker.chunk
            self.results.append(crash_diagnostic(culprit, worker.process.exitcode))
            if rest:
                chunks.appendleft(rest)


def crash_diagnostic(path: str, exitcode: int | None) -> Diagnostic:
    """One SHP900 for the file a worker was analysing when it died."""
    if exitcode is not None and exitcode < 0:
        detail = f" (signal {-exitcode})"
    else:
        detail = f" (exit code {exitcode})"
    message = (
        WORKER_CRASHED + detail + "; a bug in libcst or shapelint: please report it with the file"
    )
    return Diagnostic(path, Position(1, 1), Position(1, 2), "SHP900", message, Severity.ERROR)


def _work(conn: Connection, lint_one: LintOne) -> None:
    """A worker's loop: a chunk of paths in, one ``(path, findings)`` message out per file.

    Ctrl-C reaches every process of the terminal's group; a worker ignores it and is killed
    by the parent instead, so an interrupted run prints no traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        chunk = conn.recv()
        if chunk is None:
            return
        for path in chunk:
            conn.send((path, lint_one(path)))


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker forks (it inherits the disposition); only the main
    thread may change signal handlers, elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _cached(cache: Cache | None, path: str) -> list[Diagnostic] | None:
    if cache is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return cache.load(path, data)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
