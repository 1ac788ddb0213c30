"""Plain data passed from the engine to every front end.

Lines and columns are 1-based and the end is exclusive, as the JSON contract says; the flake8
adapter converts to its 0-based columns at the edge. A finding in a notebook counts its
lines within its cell and also carries where it lies in the ``.ipynb`` file's own text
(``cell``), which is what SARIF and GitHub annotations point at.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    column: int


class Applicability(str, Enum):
    """Whether a fix keeps what the code computes (every shape fix changes it: unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``content``; ``cell`` counts the edit in a notebook cell."""

    start: Position
    end: Position
    content: str
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's suggested rewrite, as text edits (the data; ``shapelint.fixes`` makes and
    applies them)."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE


@dataclass(frozen=True, slots=True)
class CellLocation:
    """A notebook finding's cell (1-based, counting every cell) and its span in the file."""

    cell: int
    file_start: Position
    file_end: Position


@dataclass(frozen=True, slots=True)
class Related:
    """A place that explains a finding: a call whose arguments gave the shapes it names.

    Counted like the finding's own position; ``cell`` names its notebook cell, which may be
    another cell than the finding's.
    """

    start: Position
    end: Position
    message: str
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    start: Position
    end: Position
    code: str
    message: str
    severity: Severity
    cell: CellLocation | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[str, int, int, int, str]:
        cell = self.cell.cell if self.cell is not None else 0
        return (self.path, cell, self.start.line, self.start.column, self.code)

    def file_span(self) -> tuple[Position, Position]:
        """Where the finding lies in the file's own text (a notebook's JSON, or the source)."""
        if self.cell is not None:
            return self.cell.file_start, self.cell.file_end
        return self.start, self.end
