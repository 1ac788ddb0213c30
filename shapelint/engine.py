"""The per-file pipeline every front end shares, and the crash boundary.

``lint_source`` never raises: CPython's parser goes first (it refuses hostile nesting
cleanly, where libcst's native parser can crash the process), any failure becomes one
SHP900 for the file, and positions are resolved only when there is a finding to place.
"""

from __future__ import annotations

import ast
import re
import tokenize
from collections.abc import Iterable
from io import BytesIO

from shapelint.checks import enabled_rules
from shapelint.checks.base import Finding
from shapelint.config import Config
from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.prefilter import may_hold_shapes

ANALYSIS_FAILED = "SHP900"

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z][0-9]+(?:[,\s]+)?)+)?", re.IGNORECASE)
_CODE = re.compile(r"[A-Z][0-9]+", re.IGNORECASE)
_ELIF_LIMIT = 2000  # libcst's native parser overflows its stack on very long elif chains
_ELIF = re.compile(r"^[ \t]*elif\b", re.MULTILINE)


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
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return [_failure(path, 1, 1, f"file could not be decoded: {exc}")]
    return lint_source(text, path, config)


def lint_source(
    text: str, path: str = "<stdin>", config: Config | None = None, *, syntax_errors: bool = True
) -> list[Diagnostic]:
    """All findings for one file's source; never raises.

    ``syntax_errors=False`` keeps a file CPython rejects silent (flake8 reports E999 itself).
    """
    config = config or Config()
    try:
        return _lint(text, path, config, syntax_errors)
    except RecursionError:
        return _keep(config, path, [_failure(path, 1, 1, "not analysed: nesting too deep")])
    except Exception as exc:  # the crash boundary: one finding, the run goes on
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _keep(config, path, [_failure(path, 1, 1, message)])


def _lint(text: str, path: str, config: Config, syntax_errors: bool) -> list[Diagnostic]:
    if config.prefilter and not may_hold_shapes(text):
        return []
    failure = parse_failure(text, path)
    if failure is not None:
        return _keep(config, path, [failure]) if syntax_errors else []
    import libcst

    from shapelint.analysis.interpreter import analyse

    try:
        module = libcst.parse_module(text)
    except Exception:
        return _keep(config, path, [_failure(path, 1, 1, "not analysed: libcst cannot parse this file")])
    events = analyse(module, text)
    rules = enabled_rules(config, path)
    findings = _dedupe(finding for event in events for rule in rules for finding in rule.check(event))
    if not findings:
        return []
    return _keep(config, path, _place(module, text, path, findings))


def parse_failure(text: str, path: str) -> Diagnostic | None:
    """CPython's verdict on the file, as one SHP900, or None when it parses."""
    try:
        ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        return _failure(path, line, max(column, 1), f"syntax error: {exc.msg}")
    except (RecursionError, MemoryError):
        return _failure(path, 1, 1, "not analysed: the file is nested too deeply for the parser")
    except ValueError as exc:  # e.g. NUL bytes on older Pythons
        return _failure(path, 1, 1, f"syntax error: {exc}")
    if len(_ELIF.findall(text)) > _ELIF_LIMIT:
        return _failure(path, 1, 1, "not analysed: the elif chain is too long for libcst")
    return None


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[int, str]] = set()
    out: list[Finding] = []
    for finding in findings:
        key = (id(finding.node), finding.code)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _place(module: object, text: str, path: str, findings: list[Finding]) -> list[Diagnostic]:
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
        out.append(Diagnostic(path, start, end, finding.code, finding.message, severity_of(finding.code)))
    return _suppress(out, text)


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


def _failure(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(
        path, Position(line, column), Position(line, column + 1), ANALYSIS_FAILED, message, Severity.ERROR
    )


def annotate_source(text: str, path: str = "<stdin>") -> str:
    """The source with the inferred shape of every assignment, parameter and return beside
    it: what ``shapelint shapes FILE`` prints, so users can see what the analysis sees."""
    failure = parse_failure(text, path)
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
