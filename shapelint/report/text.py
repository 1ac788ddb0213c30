"""The default human format: each finding with its source line and a caret under the span.

Modelled on ruff's full format, because a shape bug is easiest to read with the expression in
front of you. Colour is the caller's decision (terminal, NO_COLOR), passed in as ``color``.

A long line is shown as a window around the span, with ``…`` where it was cut, and the caret
is placed by display width: a wide (CJK) character takes two terminal columns, a combining
mark none, so the caret stays under the span after them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from shapelint.diagnostics import Diagnostic, Severity
from shapelint.notebook import parse_cached
from shapelint.report.paths import location, one_line, related_location
from shapelint.report.summary import summary_line

TAB_WIDTH = 4
MAX_WIDTH = 100  # display columns of source shown; a longer line is windowed
LEFT_CONTEXT = 30  # columns kept before the span when windowing
ELLIPSIS = "…"

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
    message = one_line(diag.message)
    header = f"{_paint(where, _BOLD, color)} {_paint(diag.code, level, color)} {message}\n"
    lines = _source_lines(diag, source)
    help_text = one_line(diag.fix.message) if diag.fix else ""
    help_line = f"{_paint('help:', _BOLD, color)} {help_text}\n" if diag.fix else ""
    help_line = _notes(diag, root, color) + help_line
    if not 0 < diag.start.line <= len(lines):
        return header + help_line
    raw = lines[diag.start.line - 1]
    end_column = diag.end.column if diag.end.line == diag.start.line else len(raw) + 1
    shown, offset, width = frame(raw, diag.start.column, end_column)
    number = str(diag.start.line)
    pad = " " * len(number)
    bar = _paint("|", _BLUE, color)
    carets = _paint("^" * width + " " + diag.code, level, color)
    return (
        f"{header}"
        f"{pad} {bar}\n"
        f"{_paint(number, _BLUE, color)} {bar} {shown}\n"
        f"{pad} {bar} {' ' * offset}{carets}\n"
        f"{pad} {bar}\n"
        f"{help_line}"
    )


def _notes(diag: Diagnostic, root: str, color: bool) -> str:
    """A ``note:`` line per call the finding's shapes came from, outermost first."""
    return "".join(
        f"{_paint('note:', _BOLD, color)} {one_line(r.message)} at "
        f"{related_location(diag, r, root)}\n"
        for r in diag.related
    )


def frame(raw: str, start_column: int, end_column: int) -> tuple[str, int, int]:
    """The source line as shown, the caret's offset and its width, in display columns, for a
    span of 1-based character columns ``[start_column, end_column)``."""
    shown = raw.expandtabs(TAB_WIDTH)
    start = len(raw[: max(start_column - 1, 0)].expandtabs(TAB_WIDTH))
    end = max(len(raw[: max(end_column - 1, 0)].expandtabs(TAB_WIDTH)), start + 1)
    if display_width(shown) <= MAX_WIDTH:
        return shown, display_width(shown[:start]), max(display_width(shown[start:end]), 1)
    low, room = start, LEFT_CONTEXT
    while low > 0 and room - char_width(shown[low - 1]) >= 0:
        low -= 1
        room -= char_width(shown[low])
    high, used = low, 0
    while high < len(shown) and used + char_width(shown[high]) <= MAX_WIDTH:
        used += char_width(shown[high])
        high += 1
    left = ELLIPSIS if low > 0 else ""
    right = ELLIPSIS if high < len(shown) else ""
    offset = display_width(left) + display_width(shown[low:start])
    width = max(display_width(shown[start : min(end, high)]), 1)
    return left + shown[low:high] + right, offset, width


def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for wide and full-width, 0 for combining marks
    and format characters, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(char) for char in text)
