"""Plain data passed from the engine to every front end.

Lines and columns are 1-based and the end is exclusive, as the JSON contract says; the flake8
adapter converts to its 0-based columns at the edge.
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


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    start: Position
    end: Position
    code: str
    message: str
    severity: Severity

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start.line, self.start.column, self.code)
