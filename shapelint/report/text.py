"""The default human format: each finding with its source line and a caret under the span.

Modelled on ruff's full format, because a shape bug is easiest to read with the expression in
front of you. Colour is the caller's decision (terminal, NO_COLOR), passed in as ``color``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shapelint.diagnostics import Diagnostic, Severity
from shapelint.notebook import parse_cached
from shapelint.report.paths import location
from shapelint.report.summary import summary_line

TAB_WIDTH = 4

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_BLUE = "\x1b[1;34m"
_LEVEL = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m"}


def render(
    diagnostics: Sequence[Diagnostic],
    root: str,
    sources: Mapping[str, str] | None = None,
    *,
    color: bool = False,
) -> str:
    blocks = [_block(d, root, (sources or {}).get(d.path), color) for d in diagnostics]
    if diagnostics:
        blocks.append(summary_line(len(diagnostics)) + "\n")
    return "\n".join(blocks)


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def _source_lines(diag: Diagnostic, source: str | None) -> list[str]:
    """The lines the finding counts in: its file's, or its notebook cell's."""
    if source is None:
        return []
    if diag.cell is None:
        return source.splitlines()
    book = parse_cached(source)
    return (
        next((cell.rows() for cell in book.cells if cell.number == diag.cell.cell), [])
        if book
        else []
    )


def _block(diag: Diagnostic, root: str, source: str | None, color: bool) -> str:
    level = _LEVEL[diag.severity]
    where = f"{location(diag, root)}:"
    header = f"{_paint(where, _BOLD, color)} {_paint(diag.code, level, color)} {diag.message}\n"
    lines = _source_lines(diag, source)
    help_line = f"{_paint('help:', _BOLD, color)} {diag.fix.message}\n" if diag.fix else ""
    if not 0 < diag.start.line <= len(lines):
        return header + help_line
    raw = lines[diag.start.line - 1]
    shown = raw.expandtabs(TAB_WIDTH)
    start = len(raw[: diag.start.column - 1].expandtabs(TAB_WIDTH))
    end_column = diag.end.column if diag.end.line == diag.start.line else len(raw) + 1
    end = len(raw[: max(end_column - 1, 0)].expandtabs(TAB_WIDTH))
    width = max(end - start, 1)
    number = str(diag.start.line)
    pad = " " * len(number)
    bar = _paint("|", _BLUE, color)
    carets = _paint("^" * width + " " + diag.code, level, color)
    return (
        f"{header}"
        f"{pad} {bar}\n"
        f"{_paint(number, _BLUE, color)} {bar} {shown}\n"
        f"{pad} {bar} {' ' * start}{carets}\n"
        f"{pad} {bar}\n"
        f"{help_line}"
    )
