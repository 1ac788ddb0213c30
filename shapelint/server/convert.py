"""Between shapelint's positions (1-based lines, code-point columns, end exclusive) and the
client's (0-based, in the position encoding agreed at initialize, UTF-16 by default).

A notebook cell is its own document, while findings and fixes count lines of the cells
joined; ``first_line`` is the joined line where the cell starts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition

from shapelint.diagnostics import Diagnostic, Position, Related, Severity
from shapelint.fixes import Fix
from shapelint.report.paths import rule_url

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def cell_index(first_lines: list[int], line: int) -> int:
    """Which cell (index among the code cells) a joined-source line belongs to."""
    return max(bisect_right(first_lines, line) - 1, 0)


def to_client(document: TextDocument, position: Position, first_line: int = 1) -> types.Position:
    line = max(position.line - first_line, 0)
    lines = document.lines
    if line >= len(lines):
        return types.Position(line=len(lines), character=0)
    width = len(lines[line].rstrip("\r\n"))
    server = ServerTextPosition(line, min(max(position.column - 1, 0), width))
    return document.position_to_client_units(server)


def from_client(document: TextDocument, position: types.Position, first_line: int = 1) -> Position:
    server = document.position_from_client_units(position)
    return Position(server.line + first_line, server.character + 1)


# where a joined-source line is shown: its document's URI, the document, the line it starts at
Placer = Callable[[int], tuple[str, TextDocument, int]]


def diagnostic(
    document: TextDocument, d: Diagnostic, first_line: int = 1, place: Placer | None = None
) -> types.Diagnostic:
    """The finding as the client shows it; its call sites as ``relatedInformation`` when
    ``place`` says in which document each lies (a notebook's may be in another cell)."""
    related = None
    if place is not None and d.related:
        related = [_related(r, *place(r.start.line)) for r in d.related]
    return types.Diagnostic(
        range=_range(document, d.start, d.end, first_line),
        message=d.message,
        severity=_SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=rule_url(d.code)),
        source="shapelint",
        related_information=related,
    )


def _range(document: TextDocument, start: Position, end: Position, first_line: int) -> types.Range:
    client_start = to_client(document, start, first_line)
    client_end = to_client(document, end, first_line) if end > start else client_start
    return types.Range(start=client_start, end=client_end)


def _related(
    related: Related, uri: str, document: TextDocument, first_line: int
) -> types.DiagnosticRelatedInformation:
    span = _range(document, related.start, related.end, first_line)
    return types.DiagnosticRelatedInformation(
        location=types.Location(uri=uri, range=span), message=related.message
    )


def overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def text_edits(
    server: Any, known: Any, fix: Fix, uri: str
) -> dict[str, list[types.TextEdit]] | None:
    """The fix as edits per document: a plain file's own, or each edited notebook cell's."""
    if known.notebook is None:
        document = server.workspace.get_text_document(uri)
        return {uri: [_edit(document, e.start, e.end, e.content, 1) for e in fix.edits]}
    state = server.notebooks.get(known.notebook)
    if state is None:
        return None
    out: dict[str, list[types.TextEdit]] = {}
    for edit in fix.edits:
        index = cell_index(state.first_lines, edit.start.line)
        if cell_index(state.first_lines, edit.end.line) != index:
            return None  # an edit across cells cannot be made
        cell = state.cells[index]
        document = server.workspace.get_text_document(cell)
        first = state.first_lines[index]
        out.setdefault(cell, []).append(_edit(document, edit.start, edit.end, edit.content, first))
    return out


def _edit(
    document: TextDocument, start: Position, end: Position, content: str, first_line: int
) -> types.TextEdit:
    span = types.Range(
        start=to_client(document, start, first_line), end=to_client(document, end, first_line)
    )
    return types.TextEdit(range=span, new_text=content)
