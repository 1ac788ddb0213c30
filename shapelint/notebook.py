"""Jupyter notebooks as one Python source, and the way back from that source to the cells.

A notebook runs its code cells top to bottom in one namespace, so the analysis sees them
joined in order: a shape made in cell 2 is known in cell 5. IPython syntax that is not
Python (line magics ``%``, cell magics ``%%``, shell lines ``!``, help ``obj?``) is replaced
line for line, so every other line keeps its number and every finding maps back to its cell.

Why plain ``json`` and not nbformat: only ``cells[].cell_type`` and ``source`` are read, and
nbformat would bring four run-time dependencies (jsonschema, fastjsonschema, traitlets,
jupyter_core) to a linter that has two. It would also refuse notebooks that fail its schema
although their code cells are fine, and it cannot say where a cell's text lies in the file,
which SARIF and GitHub annotations need (they point into the ``.ipynb`` file itself). The
decoder here is the standard library's, with a string hook that keeps each string's offset.
"""

from __future__ import annotations

import ast
import functools
import json
import json.decoder
import json.scanner
import re
import warnings
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shapelint.diagnostics import CellLocation, Diagnostic, Position, Related
from shapelint.fixes import Edit, Fix

SUFFIX = ".ipynb"
# Cell magics whose body is Python run by IPython; any other cell magic (%%bash,
# %%writefile, %%html ...) makes the whole cell foreign text.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASSIGNED_MAGIC = re.compile(r"^(\s*[\w.\[\](),\s*]+?\s*=\s*)[%!]")
MAGIC_VALUE = "__shapelint_magic__"  # an undefined name: its value is unknown, never absent


class NotebookError(ValueError):
    """A file that is not a readable notebook; ``line``/``column`` locate it in the file."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def is_notebook(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


class _Located(str):
    """A JSON string value that remembers the offset of its opening quote in the file."""

    offset: int


@dataclass(frozen=True)
class _Line:
    """One line of a code cell: the JSON string holding it and where in that string it starts."""

    literal: _Located
    start: int  # index of the line's first character in the decoded string


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based, counting every cell (markdown too), as a notebook shows them
    first_line: int  # 1-based line of the joined source where this cell starts
    text: str  # the cell's code as written
    lines: tuple[_Line, ...]

    def rows(self) -> list[str]:
        """The cell's lines as written, without line breaks."""
        return [_line_text(line) for line in self.lines]


@dataclass(frozen=True)
class Notebook:
    """The code cells of one notebook and the joined, masked Python source."""

    raw: str
    cells: tuple[Cell, ...]
    source: str

    def cell_at(self, line: int) -> Cell:
        """The code cell holding a line of the joined source (the last one past the end)."""
        starts = [cell.first_line for cell in self.cells]
        return self.cells[max(bisect_right(starts, line) - 1, 0)]

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """A finding on the joined source, placed in its cell and in the file's own text."""
        if not self.cells:
            return diagnostic
        cell = self.cell_at(diagnostic.start.line)
        start = self._in_cell(cell, diagnostic.start)
        end = self._in_cell(cell, diagnostic.end) if diagnostic.end >= diagnostic.start else start
        where = CellLocation(
            cell.number, self.file_position(cell, start), self.file_position(cell, end)
        )
        return Diagnostic(
            diagnostic.path,
            start,
            end,
            diagnostic.code,
            diagnostic.message,
            diagnostic.severity,
            cell=where,
            fix=self._fix_in_cells(diagnostic.fix),
            related=tuple(self._related_in_cell(r) for r in diagnostic.related),
        )

    def _related_in_cell(self, related: Related) -> Related:
        """A related place on the joined source, counted in its own cell."""
        cell = self.cell_at(related.start.line)
        start, end = self._in_cell(cell, related.start), self._in_cell(cell, related.end)
        return Related(start, end, related.message, cell.number)

    def _fix_in_cells(self, fix: Fix | None) -> Fix | None:
        """A fix on the joined source with each edit counted in its cell (None when an edit
        would cross cells)."""
        if fix is None:
            return None
        edits = []
        for edit in fix.edits:
            cell = self.cell_at(edit.start.line)
            if self.cell_at(edit.end.line) != cell:
                return None
            start, end = self._in_cell(cell, edit.start), self._in_cell(cell, edit.end)
            edits.append(Edit(start, end, edit.content, cell.number))
        return Fix(fix.message, tuple(edits), fix.applicability)

    def _in_cell(self, cell: Cell, position: Position) -> Position:
        count = max(len(cell.lines), 1)
        line = position.line - cell.first_line + 1
        if line > count:  # past the cell's end (a syntax error at end of input)
            last = cell.lines[-1] if cell.lines else None
            width = len(_line_text(last)) if last is not None else 0
            return Position(count, width + 1)
        return Position(max(line, 1), position.column)

    def file_position(self, cell: Cell, position: Position) -> Position:
        """Where a cell position lies in the ``.ipynb`` text (1-based, in characters)."""
        if not cell.lines:
            return Position(1, 1)
        line = cell.lines[min(position.line, len(cell.lines)) - 1]
        offset = _raw_offset(self.raw, line.literal, line.start + position.column - 1)
        line_start = self.raw.rfind("\n", 0, offset) + 1
        return Position(self.raw.count("\n", 0, offset) + 1, offset - line_start + 1)

    def apply_edits(self, edits: Sequence[Edit]) -> str | None:
        """The notebook's text with edits (counted in their cells) made inside the JSON
        strings that hold the edited lines; everything else in the file is kept byte for
        byte. None when an edit spans JSON strings or names no code cell."""
        by_literal: dict[int, tuple[_Located, list[tuple[int, int, str]]]] = {}
        cells = {cell.number: cell for cell in self.cells}
        for edit in edits:
            cell = cells.get(edit.cell or 0)
            if cell is None or not 0 < edit.start.line <= edit.end.line <= len(cell.lines):
                return None
            first, last = cell.lines[edit.start.line - 1], cell.lines[edit.end.line - 1]
            if first.literal is not last.literal:
                return None
            start = first.start + edit.start.column - 1
            end = last.start + edit.end.column - 1
            entry = by_literal.setdefault(first.literal.offset, (first.literal, []))
            entry[1].append((start, end, edit.content))
        out, cursor = [], 0
        for offset in sorted(by_literal):
            literal, changes = by_literal[offset]
            value, cut = str(literal), 0
            pieces = []
            for start, end, content in sorted(changes):
                if start < cut:
                    return None
                pieces += [value[cut:start], content]
                cut = end
            pieces.append(value[cut:])
            _, after = json.decoder.scanstring(self.raw, offset + 1)  # type: ignore[attr-defined]
            out += [self.raw[cursor:offset], json.dumps("".join(pieces), ensure_ascii=False)]
            cursor = after
        out.append(self.raw[cursor:])
        return "".join(out)

    def without(self, numbers: set[int]) -> Notebook:
        """The notebook with these cells' code left out, each line kept as an empty one, so
        every other cell keeps its lines (and its findings their places)."""
        texts = ["\n" * line_count(c.text) if c.number in numbers else c.text for c in self.cells]
        source, _ = join_cells(texts)
        return Notebook(self.raw, self.cells, source)

    def unparsable(self) -> list[tuple[Cell, SyntaxError]]:
        """The code cells CPython cannot parse on their own (a Python 2 ``print``, a pasted
        shell line), each with its error; a cell is whole statements, so one that parses
        alone parses joined too."""
        broken = []
        for cell in self.cells:
            try:
                with warnings.catch_warnings():  # SyntaxWarnings are not ours to print
                    warnings.simplefilter("ignore")
                    ast.parse(mask(cell.text))
            except SyntaxError as exc:
                broken.append((cell, exc))
            except (ValueError, RecursionError, MemoryError):
                continue  # left to the joined source's own diagnostic
        return broken

    def cell_text(self, number: int) -> str | None:
        for cell in self.cells:
            if cell.number == number:
                return cell.text
        return None


def parse(raw: str) -> Notebook | None:
    """The notebook in ``raw``; None for a notebook of another language (R, Julia ...).

    Raises NotebookError when the text is not a notebook of format 4.
    """
    document = _load(raw)
    if not isinstance(document, dict):
        raise NotebookError("a notebook is a JSON object")
    major = document.get("nbformat")
    if major is not None and major != 4:
        raise NotebookError(f"notebook format {major} is not supported (format 4 is)")
    if not _is_python(document.get("metadata")):
        return None
    entries = document.get("cells")
    if not isinstance(entries, list):
        raise NotebookError("a notebook has a list of `cells`")
    found: list[tuple[int, str, list[_Line]]] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("cell_type"), str):
            raise NotebookError(f"cell {number} has no `cell_type`")
        if entry["cell_type"] == "code":
            literals = _source_literals(entry.get("source"), number)
            found.append((number, "".join(literals), _split_lines(literals)))
    source, first_lines = join_cells([text for _, text, _ in found])
    cells = tuple(
        Cell(number, first, text, tuple(lines))
        for (number, text, lines), first in zip(found, first_lines)
    )
    return Notebook(raw, cells, source)


def join_cells(texts: Sequence[str]) -> tuple[str, list[int]]:
    """Code cells as one masked Python source, and the line of it where each cell starts."""
    parts: list[str] = []
    first_lines: list[int] = []
    next_line = 1
    for text in texts:
        first_lines.append(next_line)
        masked = mask(text)
        parts.append(masked if masked.endswith(("\n", "\r")) or not masked else masked + "\n")
        next_line += line_count(text)
    return "".join(parts), first_lines


def line_count(text: str) -> int:
    """How many lines Python sees in ``text`` (a last line without a break counts)."""
    breaks = len(_LINE_BREAK.findall(text))
    return breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)


@functools.lru_cache(maxsize=8)
def parse_cached(raw: str) -> Notebook | None:
    """``parse`` for renderers that place several findings of one notebook."""
    try:
        return parse(raw)
    except NotebookError:
        return None


def _is_python(metadata: Any) -> bool:
    """Unless the metadata names another language, a notebook's code is Python."""
    if not isinstance(metadata, dict):
        return True
    info = metadata.get("language_info")
    if isinstance(info, dict) and isinstance(info.get("name"), str):
        return info["name"].lower() == "python"
    kernel = metadata.get("kernelspec")
    if isinstance(kernel, dict) and isinstance(kernel.get("language"), str):
        return kernel["language"].lower() == "python"
    return True


def _source_literals(source: Any, number: int) -> list[_Located]:
    if isinstance(source, str):
        return [source] if isinstance(source, _Located) else []
    if isinstance(source, list) and all(isinstance(item, _Located) for item in source):
        return list(source)
    raise NotebookError(f"cell {number}: `source` is neither a string nor a list of strings")


def _split_lines(literals: list[_Located]) -> list[_Line]:
    """Each line of the cell with the string it starts in (a list item may hold several)."""
    lines: list[_Line] = []
    pending = False  # the previous string ended without a line break: its line goes on
    for literal in literals:
        if not literal:
            continue
        starts = [0] + [match.end() for match in _LINE_BREAK.finditer(literal)]
        if starts[-1] == len(literal):
            starts.pop()
        for index, start in enumerate(starts):
            if index == 0 and pending:
                continue
            lines.append(_Line(literal, start))
        pending = not _LINE_BREAK.search(literal[-1:] or "\n")
    return lines


def _line_text(line: _Line) -> str:
    rest = line.literal[line.start :]
    match = _LINE_BREAK.search(rest)
    return rest[: match.start()] if match else rest


def _load(raw: str) -> Any:
    decoder = json.JSONDecoder()
    decoder.parse_string = _located_string  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(raw)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise NotebookError("not valid JSON: nested too deeply") from None


def _located_string(text: str, end: int, strict: bool = True) -> tuple[str, int]:
    value, after = json.decoder.scanstring(text, end, strict)  # type: ignore[attr-defined]
    located = _Located(value)
    located.offset = end - 1
    return located, after


def _raw_offset(raw: str, literal: _Located, index: int) -> int:
    """The offset in the file of character ``index`` of a decoded JSON string."""
    position = literal.offset + 1
    decoded = 0
    while decoded < index and position < len(raw) and raw[position] != '"':
        if raw[position] == "\\":
            if raw.startswith("u", position + 1):
                is_pair = 0xD800 <= int(raw[position + 2 : position + 6], 16) < 0xDC00
                position += 12 if is_pair and raw.startswith("\\u", position + 6) else 6
            else:
                position += 2
        else:
            position += 1
        decoded += 1
    return position


# -- masking IPython syntax ------------------------------------------------------------


def mask(text: str) -> str:
    """The cell with IPython-only lines made Python, keeping every line and line number.

    Only lines where a statement starts are looked at (not lines inside a string or
    brackets). A magic or shell line becomes ``pass`` at its indentation; ``name = !cmd``
    and ``name = %magic`` keep the assignment with an unknown value; a cell magic that does
    not run Python blanks its whole cell.
    """
    lines = _LINE_BREAK.split(text)
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        name = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)
    out: list[str] = []
    lexer = _Lexer()
    continued_magic = False
    for line in lines:
        if continued_magic or (lexer.at_statement_start() and _is_magic(line, lexer)):
            out.append("" if continued_magic else _masked(line))  # blank: no indentation
            continued_magic = line.rstrip().endswith("\\")
            continue
        out.append(line)
        lexer.feed(line)
    return "\n".join(out)


def _is_magic(line: str, lexer: _Lexer) -> bool:
    stripped = line.strip()
    if stripped[:1] in ("%", "!", "?"):
        return True
    code = lexer.code_part(line).rstrip()
    return code.endswith("?") or _ASSIGNED_MAGIC.match(line) is not None


def _masked(line: str) -> str:
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned is not None:
        return assigned.group(1) + MAGIC_VALUE
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}pass" if line.strip() else line


class _Lexer:
    """Just enough of Python's tokenizer to know whether a line starts a statement."""

    def __init__(self) -> None:
        self.quote: str | None = None  # the open triple quote, if any
        self.depth = 0
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued

    def code_part(self, line: str) -> str:
        """The line up to its comment (the lexer's state is not changed)."""
        saved = (self.quote, self.depth, self.continued)
        end = self._scan(line)
        self.quote, self.depth, self.continued = saved
        return line[:end]

    def feed(self, line: str) -> None:
        self._scan(line)

    def _scan(self, line: str) -> int:
        """Advance over one line; the index where its comment starts (or its length)."""
        i = 0
        self.continued = False
        while i < len(line):
            if self.quote is not None:
                close = line.find(self.quote, i)
                if close < 0:
                    return len(line)
                i, self.quote = close + 3, None
                continue
            char = line[i]
            if char == "#":
                return i
            if char in "\"'":
                triple = line[i : i + 3]
                if triple in ('"""', "'''"):
                    self.quote = triple
                    i += 3
                    continue
                i = _string_end(line, i)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(self.depth - 1, 0)
            elif char == "\\" and i == len(line) - 1:
                self.continued = True
            i += 1
        return len(line)


def _string_end(line: str, start: int) -> int:
    quote = line[start]
    i = start + 1
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return len(line)
