"""``# noqa`` in notebooks: read on the joined code cells, written into the cells' JSON strings.

In the ``.ipynb`` file a comment is part of a JSON string, so the file's own text says
nothing about suppression; on the joined cells (``shapelint.notebook``) it is a Python
comment on the line where the finding is. Line-level and file-level (``# shapelint: noqa``
in any code cell covers the whole notebook, as ruff treats a notebook as one file) noqa,
unused ones (SHP901, placed back in their cell) and ``--add-noqa`` all work there, with the
same rules as ``shapelint.suppression`` applies to a ``.py`` file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from shapelint.diagnostics import Diagnostic, Edit, Position
from shapelint.notebook import Notebook, NotebookError, parse
from shapelint.suppression import add_noqa, suppress, unused_noqa


def _read(text: str) -> Notebook | None:
    try:
        return parse(text)
    except NotebookError:
        return None


def _joined(book: Notebook, diagnostic: Diagnostic) -> Diagnostic | None:
    """The finding counted in lines of the joined cells; None when it names no code cell
    (a notebook that could not be read is reported at the file's own position)."""
    cell = next(
        (c for c in book.cells if diagnostic.cell and c.number == diagnostic.cell.cell), None
    )
    if cell is None:
        return None

    def joined(position: Position) -> Position:
        return Position(cell.first_line + position.line - 1, position.column)

    return replace(diagnostic, start=joined(diagnostic.start), end=joined(diagnostic.end))


def finish(raw: Sequence[Diagnostic], text: str, path: str, unused: bool) -> list[Diagnostic]:
    """The notebook's findings no noqa comment silences and, when ``unused``, an SHP901 for
    each code of a noqa comment that silences nothing (both on the unfiltered findings)."""
    book = _read(text)
    if book is None or not book.cells:
        return list(raw)
    pairs = [(d, _joined(book, d)) for d in raw]
    on_cells = [j for _, j in pairs if j is not None]
    kept_ids = {id(j) for j in suppress(on_cells, book.source)}
    found = [d for d, j in pairs if j is None or id(j) in kept_ids]
    if unused:
        extra = suppress(unused_noqa(on_cells, book.source, path), book.source)
        found += [book.locate(d) for d in extra]
    return found


def add_noqa_to_notebook(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, int, int]:
    """The notebook's text with a ``# noqa: CODE`` for each finding, written inside the JSON
    string of the finding's line (the rest of the file is kept byte for byte); the new text,
    the comments written and the findings that could not take one."""
    book = _read(text)
    if book is None or not book.cells:
        return text, 0, len(diagnostics)
    on_cells = [j for j in (_joined(book, d) for d in diagnostics) if j is not None]
    skipped = len(diagnostics) - len(on_cells)
    new_source, written, missed = add_noqa(book.source, on_cells)
    edits = []
    old_lines, new_lines = book.source.splitlines(), new_source.splitlines()
    for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), start=1):
        if old == new:
            continue
        cell = book.cell_at(number)
        row = number - cell.first_line + 1
        if cell.rows()[row - 1] != old:  # a masked IPython line: the file holds other text
            written -= 1
            missed += sum(1 for j in on_cells if j.start.line == number)
            continue
        edits.append(_line_edit(old, new, row, cell.number))
    changed = book.apply_edits(edits) if edits else text
    if changed is None:
        return text, 0, len(diagnostics)
    return changed, written, skipped + missed


def _line_edit(old: str, new: str, row: int, cell: int) -> Edit:
    """The smallest edit turning line ``old`` into ``new``: what differs between their
    common start and common end."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start, end = Position(row, prefix + 1), Position(row, len(old) - suffix + 1)
    return Edit(start, end, new[prefix : len(new) - suffix], cell)
