"""The per-file pipeline every front end shares, and the crash boundary.

``lint_source`` never raises: CPython's parser goes first (it refuses hostile nesting
cleanly, where libcst's native parser can crash the process), any failure becomes one
SHP900 for the file, and positions are resolved only when there is a finding to place.
CPython's tree also picks the top-level statements that can yield a finding
(``shapelint.selective``); libcst parses only those, and is not even imported for a file
where there are none.

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
import math
import re
import time
import tokenize
import warnings
from collections.abc import Iterable
from dataclasses import replace
from io import BytesIO
from typing import TYPE_CHECKING, Any

from shapelint.analysis.imports import imported_names, keras_generation
from shapelint.config import Config
from shapelint.deep_run import run_deep
from shapelint.diagnostics import Diagnostic, Position, Related, Severity
from shapelint.fixes import Fix
from shapelint.prefilter import may_hold_shapes
from shapelint.selective import select_source

if TYPE_CHECKING:
    import libcst

    from shapelint.checks.base import Finding

ANALYSIS_FAILED = "SHP900"

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+)?)+)?", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)
MAX_NESTING = 500  # syntax-tree depth; libcst needs 0.6 s for 500 nested subscripts
# libcst's peak memory per CPython syntax node: 388 MiB for the 111,107 nodes of keras'
# ops/numpy_test.py (437 KiB), measured as peak RSS on libcst 1.9
LIBCST_BYTES_PER_NODE = 3_600
LIBCST_COST = 8  # libcst's parse time over CPython's, rounded down from the measured 10x

# What an SHP900 tells the user to do, after what happened
READ_REMEDY = "; check the path and its permissions"
DECODE_REMEDY = "; save the file as UTF-8 or declare its encoding in a coding comment (PEP 263)"
SPLIT_REMEDY = "; split the expression into smaller named steps to have it analysed"
BUG_REMEDY = "; this is a bug in shapelint: please report it with the file"

# Parse only the statements that can yield a finding (shapelint.selective). Internal switch,
# off only to compare both modes finding by finding (tests/test_selective.py, bench/).
SELECTIVE = True

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
        return [_failure(path, 1, 1, f"file could not be read: {exc.strerror or exc}{READ_REMEDY}")]
    return lint_bytes(data, path, config)


def lint_bytes(data: bytes, path: str, config: Config | None = None) -> list[Diagnostic]:
    """Decode and lint a file's bytes (a file's or stdin's); undecodable bytes give one
    SHP900 at the first bad byte."""
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        return [_failure(path, line, column, f"file could not be decoded: {exc}{DECODE_REMEDY}")]
    except (SyntaxError, LookupError) as exc:
        return [_failure(path, 1, 1, f"file could not be decoded: {exc}{DECODE_REMEDY}")]
    return lint_document(text, path, config)


def lint_document(
    text: str, path: str, config: Config | None = None, *, noqa: bool = True
) -> list[Diagnostic]:
    """``lint_source`` for Python files, ``lint_notebook`` for ``.ipynb`` files."""
    from shapelint.notebook import is_notebook

    if is_notebook(path):
        return lint_notebook(text, path, config, noqa=noqa)
    return lint_source(text, path, config, noqa=noqa)


def lint_notebook(
    text: str, path: str, config: Config | None = None, *, noqa: bool = True
) -> list[Diagnostic]:
    """All findings for a notebook's code cells, each placed in its cell; never raises.

    The cells are analysed as one source (they share a namespace when run); a file that is
    not a notebook gives one SHP900 naming it. ``# noqa`` comments are read on the joined
    cells, where their lines are (in the file's own text they are JSON strings):
    here with ``noqa``, else by the caller through ``shapelint.notebook_noqa``.
    """
    from shapelint.notebook import NotebookError, parse

    config = config or Config()
    try:
        book = parse(text)
    except NotebookError as exc:
        failure = _failure(path, exc.line, exc.column, f"notebook could not be read: {exc}")
        return _keep(config, path, [failure])
    if book is None:  # a notebook of another language
        return []
    found = lint_source(book.source, path, config, noqa=noqa)
    broken = book.unparsable() if any(_is_syntax_error(d) for d in found) else []
    if broken:  # one SHP900 per cell that does not parse; the other cells are still linted
        errors = [
            _failure(
                path,
                cell.first_line + (exc.lineno or 1) - 1,
                max(exc.offset or 1, 1),
                f"syntax error: {exc.msg}",
            )
            for cell, exc in broken
        ]
        rest = book.without({cell.number for cell, _ in broken})
        found = _keep(config, path, errors) + lint_source(rest.source, path, config, noqa=noqa)
    located = [book.locate(d) for d in found]
    return sorted(located, key=Diagnostic.sort_key)


def _is_syntax_error(diagnostic: Diagnostic) -> bool:
    return diagnostic.code == ANALYSIS_FAILED and diagnostic.message.startswith("syntax error")


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
    budget = config.time_budget
    stopped = (
        f"analysis stopped after {budget:g} s of CPU (the time budget); "
        "raise `time-budget` in [tool.shapelint] to analyse this file"
    )
    try:
        if config.prefilter and not may_hold_shapes(text):
            return []
        front = run_deep(lambda: _front(text, path, config, syntax_errors), budget)
        if front is None:
            return _keep(config, path, [_failure(path, 1, 1, stopped)])
        if isinstance(front, list):
            return front
        source, keras, spent = front
        remaining = budget - spent if math.isfinite(budget) else budget
        if remaining <= 0:
            return _keep(config, path, [_failure(path, 1, 1, stopped)])
        _load_analysis()  # imports are not the file's time
        analysed = replace(config, keras_version=keras)
        diagnostics = run_deep(lambda: _analyse(text, source, path, analysed, noqa), remaining)
        if diagnostics is None:
            return _keep(config, path, [_failure(path, 1, 1, stopped)])
        return diagnostics
    except RecursionError:
        return _keep(
            config, path, [_failure(path, 1, 1, f"not analysed: nesting too deep{SPLIT_REMEDY}")]
        )
    except Exception as exc:  # the crash boundary: one finding, the run goes on
        message = f"internal error: {type(exc).__name__}: {exc}{BUG_REMEDY}"
        return _keep(config, path, [_failure(path, 1, 1, message)])


def _load_analysis() -> None:
    """Import everything the analysis needs before its clock starts: a stop must never land
    in the middle of an import, which would leave a half-built module for the next file."""
    import libcst.metadata  # noqa: F401

    import shapelint.analysis.interpreter  # noqa: F401
    import shapelint.analysis.ops_einops  # noqa: F401
    import shapelint.checks  # noqa: F401


def _front(
    text: str, path: str, config: Config, syntax_errors: bool
) -> list[Diagnostic] | tuple[str, int | None, float]:
    """CPython's parse, the guards and the selection, before libcst is even imported: the
    findings when they are already known (a failure, or nothing libcst needs to see), else
    the source for libcst, which Keras the file runs under (the setting, else its imports)
    and the CPU seconds spent so far."""
    started = time.thread_time()
    tree, failure, spent = _cpython_parse(text, path)
    if failure is not None:
        return _keep(config, path, [failure]) if syntax_errors else []
    refusal = _refusal(text, tree, spent, path, config.time_budget, config.memory_budget)
    if refusal is not None:
        return _keep(config, path, [refusal])
    selective = SELECTIVE and config.prefilter
    source = select_source(text, tree) if selective and isinstance(tree, ast.Module) else text
    if source is None:
        return []  # no statement can yield a finding: nothing for libcst to do
    keras = config.keras_version
    if keras is None and "keras" in text:  # no import can name a Keras without the word
        keras = keras_generation(imported_names(tree))
    return source, keras, time.thread_time() - started


def _analyse(text: str, source: str, path: str, config: Config, noqa: bool) -> list[Diagnostic]:
    """libcst's parse of the selected source, the interpreter, the rules, the positions."""
    from shapelint.analysis.interpreter import analyse_with_sites
    from shapelint.checks import enabled_rules

    try:
        module = _libcst_parse(source, text)
    except Exception:
        unparsed = f"not analysed: libcst cannot parse this file although Python can{BUG_REMEDY}"
        return _keep(config, path, [_failure(path, 1, 1, unparsed)])
    events = analyse_with_sites(module, keras_version=config.keras_version)
    rules = enabled_rules(config, path)
    findings = _dedupe(
        replace(f, sites=sites) if sites else f
        for event, sites in events
        for rule in rules
        for f in rule.check(event)
    )
    if not findings:
        return []
    placed = _place(module, path, findings)
    return _keep(config, path, _suppress(placed, text) if noqa else placed)


def _libcst_parse(source: str, text: str) -> libcst.Module:
    """libcst's tree of the selected source; should the selection be refused where the whole
    file is not, the whole file's tree, so the outcome never depends on the selection."""
    import libcst

    try:
        return libcst.parse_module(source)
    except Exception:
        if source is text:
            raise
        return libcst.parse_module(text)


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
        message = f"not analysed: the file is nested too deeply for the parser{SPLIT_REMEDY}"
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
        message = (
            f"not analysed: nested {depth(tree):,} levels deep, more than the {MAX_NESTING} "
            f"libcst parses safely (chained operators, brackets, calls or elif branches)"
            f"{SPLIT_REMEDY}"
        )
        return _failure(path, line, column, message)
    needed = nodes * LIBCST_BYTES_PER_NODE / 2**20
    if memory is not None and needed > memory:
        message = (
            f"not analysed: libcst would need about {needed:,.0f} MiB for its {nodes:,} syntax "
            f"nodes, over the {memory:g} MiB memory budget; raise `memory-budget` in "
            "[tool.shapelint] to analyse this file"
        )
        return _failure(path, 1, 1, message)
    if budget is not None and spent * LIBCST_COST > budget:
        message = (
            f"not analysed: parsing would take longer than the {budget:g} s time budget; "
            "raise `time-budget` in [tool.shapelint] to analyse this file"
        )
        return _failure(path, 1, 1, message)
    return None


def depth(node: ast.AST) -> int:
    """The deepest nesting under ``node``, counted as ``_measure`` counts it (iteratively:
    the tree may be deeper than the recursion limit)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        level += len(current.values) if isinstance(current, ast.BoolOp) else 1
        stack.extend((child, level) for child in ast.iter_child_nodes(current))
    return deepest


def too_deep(tree: ast.AST, limit: int) -> ast.AST | None:
    """The innermost statement where the syntax tree first gets deeper than ``limit``
    levels, or None. Each ``and``/``or`` operand counts as a level (libcst nests them)."""
    return _measure(tree, limit)[0]


def _measure(tree: ast.AST, limit: int) -> tuple[ast.AST | None, int]:
    """One iterative walk (the tree may be deep): the statement where nesting first passes
    ``limit`` (or None), and the number of nodes, which predicts libcst's memory."""
    stack: list[tuple[ast.AST, int, ast.AST]] = [(tree, 1, tree)]
    pop, push = stack.pop, stack.append  # a hot loop: every node of every file
    node_type, statement_type, bool_op = ast.AST, ast.stmt, ast.BoolOp
    nodes = 0
    while stack:
        node, depth, statement = pop()
        nodes += 1
        if isinstance(node, statement_type):
            statement = node
        if depth > limit:
            return statement, nodes
        depth += len(node.values) if node.__class__ is bool_op else 1  # type: ignore[attr-defined]
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        push((item, depth, statement))
            elif isinstance(value, node_type):
                push((value, depth, statement))
    return None, nodes


def _where(text: str, node: ast.AST) -> tuple[int, int]:
    """1-based line and character column of an ast node (ast counts UTF-8 bytes)."""
    line = getattr(node, "lineno", 1)
    offset = getattr(node, "col_offset", 0)
    lines = _LINE_BREAK.split(text, maxsplit=line)
    source = lines[line - 1] if line <= len(lines) else ""
    column = len(source.encode("utf-8")[:offset].decode("utf-8", errors="replace"))
    return line, column + 1


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per node, code and call chain; a later one that ``completes`` it may add
    its fix, and one naming other related places adds them (a weight combined in two
    products) and withdraws the fix, which was proven for the first place only. Each failing
    call site keeps its own finding; the same finding under calls that passed different
    shapes does not depend on them, so it is one finding with no chain."""
    seen: dict[tuple[int, str, tuple[int, ...]], int] = {}
    out: list[Finding] = []
    for finding in findings:
        key = (id(finding.node), finding.code, tuple(id(site.node) for site in finding.sites))
        if key in seen:
            kept = out[seen[key]]
            if kept.fix is None and finding.fix is not None and finding.completes:
                kept = replace(kept, fix=finding.fix)
            known = {id(node) for node, _ in kept.related}
            more = tuple(place for place in finding.related if id(place[0]) not in known)
            if more:  # reached another way too: a fix proven for the first is not enough
                kept = replace(kept, related=kept.related + more, fix=None)
            out[seen[key]] = kept
        elif not finding.completes:
            seen[key] = len(out)
            out.append(finding)
    return _merge_chains(out)


def _merge_chains(findings: list[Finding]) -> list[Finding]:
    """Findings alike but for their call chains: one, without a chain when the chains
    passed different shapes (the fault is the function's own), else the first."""
    groups: dict[tuple[int, str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((id(finding.node), finding.code, finding.message), []).append(finding)
    out = []
    for finding in findings:
        group = groups[(id(finding.node), finding.code, finding.message)]
        if group[0] is not finding:
            continue
        arguments = {tuple(site.arguments for site in f.sites) for f in group}
        out.append(finding if len(arguments) == 1 else replace(finding, sites=()))
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
        fix = _fix(finding, module, positions)
        related = _places(finding.related, positions) + _call_sites(finding.sites, positions)
        diagnostic = Diagnostic(path, start, end, finding.code, finding.message, severity)
        out.append(replace(diagnostic, fix=fix, related=related))
    return out


def _places(places: tuple[tuple[Any, str], ...], positions: Any) -> tuple[Related, ...]:
    """The places a rule named beside its finding, in its order."""
    out = []
    for node, message in places:
        where = positions.get(node)
        if where is not None:
            start = Position(where.start.line, where.start.column + 1)
            end = Position(where.end.line, where.end.column + 1)
            out.append(Related(start, end, message))
    return tuple(out)


def _call_sites(sites: tuple[Any, ...], positions: Any) -> tuple[Related, ...]:
    """The calls a finding inside a function was found under, as places to show beside it
    (a ``note:`` line, an editor's ``relatedInformation``), outermost first."""
    out = []
    for site in sites:
        where = positions.get(site.node)
        if where is None:
            continue
        start = Position(where.start.line, where.start.column + 1)
        end = Position(where.end.line, where.end.column + 1)
        out.append(Related(start, end, site.arguments))
    return tuple(out)


def _fix(finding: Finding, module: object, positions: object) -> Fix | None:
    """The finding's rewrite as text edits (see ``shapelint.fixes``)."""
    if finding.fix is None:
        return None
    from shapelint.fixes import render

    return render(finding.fix, module, positions)


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
