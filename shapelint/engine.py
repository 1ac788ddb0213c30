"""The per-file pipeline every front end shares, and the crash boundary.

``lint_source`` never raises: CPython's parser goes first (it refuses hostile nesting
cleanly, where libcst's native parser can crash the process), any failure becomes one
SHP900 for the file, and positions are resolved only when there is a finding to place.

Two guards keep libcst away from inputs it cannot survive, both measured on libcst 1.9.
Its parse time grows quadratically with nesting (a chain of 1,000 subscripts takes 3.4 s,
2,900 take 46 s) and long ``and`` chains crash it, so a file whose syntax tree is nested
more than ``MAX_NESTING`` levels deep (an ``and``/``or`` operand counts as one level) is
not analysed. Its parse also costs about ten times CPython's (6.5x to 16x measured), so when
``LIBCST_COST`` times CPython's parse time already exceeds the time budget, the file is not
parsed at all. The rest of the work runs on a thread with a large stack and a raised
recursion limit, so deep but legal code is analysed instead of hitting RecursionError, and
the caller waits only ``Config.time_budget`` seconds for it.
"""

from __future__ import annotations

import ast
import ctypes
import re
import sys
import threading
import time
import tokenize
import warnings
from collections.abc import Callable, Iterable
from io import BytesIO
from typing import TypeVar

from shapelint.checks import enabled_rules
from shapelint.checks.base import Finding
from shapelint.config import Config
from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.prefilter import may_hold_shapes

ANALYSIS_FAILED = "SHP900"

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+)?)+)?", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)
MAX_NESTING = 500  # syntax-tree depth; libcst needs 0.6 s for 500 nested subscripts
# libcst's peak memory per CPython syntax node: 388 MiB for the 111,107 nodes of keras'
# ops/numpy_test.py (437 KiB), measured as peak RSS on libcst 1.9
LIBCST_BYTES_PER_NODE = 3_600
WALL_FACTOR = 10  # the wall-clock backstop of a CPU-time budget
LIBCST_COST = 8  # libcst's parse time over CPython's, rounded down from the measured 10x
STACK_BYTES = 256 * 2**20  # the analysis thread's stack: address space, touched only if used
RECURSION_LIMIT = 25_000  # enough to traverse MAX_NESTING levels and 3,000 joined strings
# A stopped analysis ends at its next Python instruction, but native code (libcst's parser
# holds the GIL) finishes its stretch first; waiting for that keeps an abandoned thread from
# starving the next file. Only a native stretch longer than this is left running.
UNWIND_WAIT = 120.0

T = TypeVar("T")
_EMPTY = ast.Module(body=[], type_ignores=[])


def decode(data: bytes) -> str:
    """Source bytes to text as CPython would read them (coding cookie, BOM)."""
    encoding, _ = tokenize.detect_encoding(BytesIO(data).readline)
    text = data.decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


def lint_file(path: str, config: Config | None = None) -> list[Diagnostic]:
    """Read, decode and lint one file; unreadable or undecodable files give one SHP900."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return [_failure(path, 1, 1, f"file could not be read: {exc.strerror or exc}")]
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        return [_failure(path, line, column, f"file could not be decoded: {exc}")]
    except (SyntaxError, LookupError) as exc:
        return [_failure(path, 1, 1, f"file could not be decoded: {exc}")]
    return lint_source(text, path, config)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset in undecodable source."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(before.lstrip("\ufeff")) + 1


def lint_source(
    text: str,
    path: str = "<stdin>",
    config: Config | None = None,
    *,
    syntax_errors: bool = True,
    noqa: bool = True,
) -> list[Diagnostic]:
    """All findings for one file's source; never raises.

    ``syntax_errors=False`` keeps a file CPython rejects silent (flake8 reports E999 itself);
    ``noqa=False`` leaves ``# noqa`` comments to the caller (flake8 applies its own).
    """
    config = config or Config()
    try:
        if config.prefilter and not may_hold_shapes(text):
            return []
        _load_analysis()  # imports are not the file's time
        budget = config.time_budget
        diagnostics = run_deep(lambda: _lint(text, path, config, syntax_errors, noqa), budget)
        if diagnostics is None:
            stopped = f"analysis stopped after {config.time_budget:g} s (the time budget)"
            return _keep(config, path, [_failure(path, 1, 1, stopped)])
        return diagnostics
    except RecursionError:
        return _keep(config, path, [_failure(path, 1, 1, "not analysed: nesting too deep")])
    except Exception as exc:  # the crash boundary: one finding, the run goes on
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _keep(config, path, [_failure(path, 1, 1, message)])


def _load_analysis() -> None:
    """Import everything the analysis needs before its clock starts: a stop must never land
    in the middle of an import, which would leave a half-built module for the next file."""
    import libcst.metadata  # noqa: F401

    import shapelint.analysis.interpreter  # noqa: F401
    import shapelint.analysis.ops_einops  # noqa: F401


def _lint(
    text: str, path: str, config: Config, syntax_errors: bool, noqa: bool
) -> list[Diagnostic]:
    tree, failure, spent = _cpython_parse(text, path)
    if failure is not None:
        return _keep(config, path, [failure]) if syntax_errors else []
    refusal = _refusal(text, tree, spent, path, config.time_budget, config.memory_budget)
    if refusal is not None:
        return _keep(config, path, [refusal])
    import libcst

    from shapelint.analysis.interpreter import analyse

    try:
        module = libcst.parse_module(text)
    except Exception:
        unparsed = "not analysed: libcst cannot parse this file"
        return _keep(config, path, [_failure(path, 1, 1, unparsed)])
    events = analyse(module, text)
    rules = enabled_rules(config, path)
    findings = _dedupe(f for event in events for rule in rules for f in rule.check(event))
    if not findings:
        return []
    placed = _place(module, path, findings)
    return _keep(config, path, _suppress(placed, text) if noqa else placed)


def parse_failure(text: str, path: str, budget: float | None = None) -> Diagnostic | None:
    """Why libcst must not see this file, as one SHP900, or None when it may.

    CPython's syntax errors come first; then what libcst cannot survive: nesting deeper than
    ``MAX_NESTING`` and, given a ``budget`` in seconds, a file too large to parse within it.
    """
    tree, failure, spent = _cpython_parse(text, path)
    return failure or _refusal(text, tree, spent, path, budget)


def _cpython_parse(text: str, path: str) -> tuple[ast.AST, Diagnostic | None, float]:
    """CPython's tree (or its failure, as flake8 would see it too) and its CPU time."""
    spent = time.thread_time()
    try:
        with warnings.catch_warnings():  # SyntaxWarnings are not ours to print
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except SyntaxError as exc:
        line, column = (exc.lineno, exc.offset or 1) if exc.lineno else _nul_position(text)
        message = f"syntax error: {exc.msg}"
        return _EMPTY, _failure(path, max(line, 1), max(column, 1), message), 0.0
    except (RecursionError, MemoryError):
        message = "not analysed: the file is nested too deeply for the parser"
        return _EMPTY, _failure(path, 1, 1, message), 0.0
    except ValueError as exc:  # NUL bytes before Python 3.12
        line, column = _nul_position(text)
        return _EMPTY, _failure(path, line, column, f"syntax error: {exc}"), 0.0
    return tree, None, time.thread_time() - spent


def _nul_position(text: str) -> tuple[int, int]:
    """Where the first NUL character is (1:1 when there is none)."""
    index = text.find("\0")
    if index < 0:
        return 1, 1
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return len(_LINE_BREAK.findall(text, 0, index)) + 1, index - line_start + 1


def _refusal(
    text: str,
    tree: ast.AST,
    spent: float,
    path: str,
    budget: float | None,
    memory: float | None = None,
) -> Diagnostic | None:
    deep, nodes = _measure(tree, MAX_NESTING)
    if deep is not None:
        line, column = _where(text, deep)
        message = f"not analysed: nested more than {MAX_NESTING} levels deep"
        return _failure(path, line, column, message)
    needed = nodes * LIBCST_BYTES_PER_NODE / 2**20
    if memory is not None and needed > memory:
        message = (
            f"not analysed: libcst would need about {needed:,.0f} MiB for its {nodes:,} syntax "
            f"nodes, over the {memory:g} MiB memory budget"
        )
        return _failure(path, 1, 1, message)
    if budget is not None and spent * LIBCST_COST > budget:
        message = f"not analysed: parsing would take longer than the {budget:g} s time budget"
        return _failure(path, 1, 1, message)
    return None


def too_deep(tree: ast.AST, limit: int) -> ast.AST | None:
    """The innermost statement where the syntax tree first gets deeper than ``limit``
    levels, or None. Each ``and``/``or`` operand counts as a level (libcst nests them)."""
    return _measure(tree, limit)[0]


def _measure(tree: ast.AST, limit: int) -> tuple[ast.AST | None, int]:
    """One iterative walk (the tree may be deep): the statement where nesting first passes
    ``limit`` (or None), and the number of nodes, which predicts libcst's memory."""
    stack: list[tuple[ast.AST, int, ast.AST]] = [(tree, 1, tree)]
    nodes = 0
    while stack:
        node, depth, statement = stack.pop()
        nodes += 1
        if isinstance(node, ast.stmt):
            statement = node
        if depth > limit:
            return statement, nodes
        depth += len(node.values) if isinstance(node, ast.BoolOp) else 1
        for _, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                stack.append((value, depth, statement))
            elif isinstance(value, list):
                children = (item for item in value if isinstance(item, ast.AST))
                stack.extend((child, depth, statement) for child in children)
    return None, nodes


def _where(text: str, node: ast.AST) -> tuple[int, int]:
    """1-based line and character column of an ast node (ast counts UTF-8 bytes)."""
    line = getattr(node, "lineno", 1)
    offset = getattr(node, "col_offset", 0)
    lines = _LINE_BREAK.split(text, maxsplit=line)
    source = lines[line - 1] if line <= len(lines) else ""
    column = len(source.encode("utf-8")[:offset].decode("utf-8", errors="replace"))
    return line, column + 1


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
        _wait(thread, budget, clocks)
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


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[int, str]] = set()
    out: list[Finding] = []
    for finding in findings:
        key = (id(finding.node), finding.code)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _place(module: object, path: str, findings: list[Finding]) -> list[Diagnostic]:
    """Resolve positions, once per file and only for files with findings."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.checks import severity_of

    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # type: ignore[arg-type]
    positions = wrapper.resolve(PositionProvider)
    out: list[Diagnostic] = []
    for finding in findings:
        where = positions.get(finding.node)
        if where is None:
            start, end = Position(1, 1), Position(1, 1)
        else:
            start = Position(where.start.line, where.start.column + 1)
            end = Position(where.end.line, where.end.column + 1)
        severity = severity_of(finding.code)
        out.append(Diagnostic(path, start, end, finding.code, finding.message, severity))
    return out


def _suppress(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    """flake8's noqa semantics on the line where a finding starts."""
    lines = text.splitlines()
    kept = []
    for diag in diagnostics:
        line = lines[diag.start.line - 1] if 0 < diag.start.line <= len(lines) else ""
        match = _NOQA.search(line)
        if match is None:
            kept.append(diag)
            continue
        codes = match.group("codes")
        if codes is None:
            continue
        listed = [c.upper() for c in _CODE.findall(match.group(0))]
        if not any(diag.code.startswith(c) for c in listed):
            kept.append(diag)
    return kept


def _keep(config: Config, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    from shapelint.checks import is_enabled

    kept = [d for d in diagnostics if is_enabled(config, d.code, path)]
    return sorted(kept, key=Diagnostic.sort_key)


def depends_on_time(diagnostic: Diagnostic) -> bool:
    """A finding the time budget produced: it depends on the machine's load, not on the
    file, so it must never be cached."""
    return diagnostic.code == ANALYSIS_FAILED and "time budget" in diagnostic.message


def _failure(path: str, line: int, column: int, message: str) -> Diagnostic:
    start, end = Position(line, column), Position(line, column + 1)
    return Diagnostic(path, start, end, ANALYSIS_FAILED, message, Severity.ERROR)


def annotate_source(text: str, path: str = "<stdin>") -> str:
    """The source with the inferred shape of every assignment, parameter and return beside
    it: what ``shapelint shapes FILE`` prints, so users can see what the analysis sees."""
    budget = Config().time_budget
    annotated = run_deep(lambda: _annotate(text, path, budget), budget)
    return annotated or f"{path}:1:1: analysis stopped after {budget:g} s (the time budget)\n"


def _annotate(text: str, path: str, budget: float) -> str:
    failure = parse_failure(text, path, budget)
    if failure is not None:
        return f"{path}:{failure.start.line}:{failure.start.column}: {failure.message}\n"
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.analysis.interpreter import Interpreter
    from shapelint.analysis.values import Tensor

    module = libcst.parse_module(text)
    interpreter = Interpreter(module, record=True)
    interpreter.run()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    notes: dict[int, list[str]] = {}
    for node, names in interpreter.recorded.items():
        where = positions.get(node)
        if where is None:
            continue
        described = [f"{name}: {value.shape}" for name, value in names if isinstance(value, Tensor)]
        if described:
            notes.setdefault(where.start.line, []).extend(described)

    lines = text.splitlines()
    width = min(max((len(line) for line in lines), default=0), 88)
    out = []
    for number, line in enumerate(lines, start=1):
        if number in notes:
            out.append(f"{line.ljust(width)}  # {'; '.join(notes[number])}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"
