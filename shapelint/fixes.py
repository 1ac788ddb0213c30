"""Fixes as data: the edits that would repair a finding, and applying them to a text.

A fix is a message, text edits with 1-based positions (end exclusive, like findings) and an
applicability. Every shape fix changes what the program computes, so each is ``unsafe``:
``--fix`` applies it only with ``--unsafe-fixes``, as ruff does. Edits inside a notebook
count lines within their cell and name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from shapelint.diagnostics import Position


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    start: Position
    end: Position
    content: str
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def to_data(fix: Fix) -> dict[str, Any]:
    """The JSON form (the ``fix`` object of the JSON output, and the cache's)."""
    return {
        "message": fix.message,
        "applicability": fix.applicability.value,
        "edits": [_edit_data(edit) for edit in fix.edits],
    }


def _edit_data(edit: Edit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "content": edit.content,
        "location": {"row": edit.start.line, "column": edit.start.column},
        "end_location": {"row": edit.end.line, "column": edit.end.column},
    }
    if edit.cell is not None:
        data["cell"] = edit.cell
    return data


def from_data(data: Any) -> Fix | None:
    """A fix read back from ``to_data``'s form; None when anything is off."""
    try:
        edits = tuple(
            Edit(
                Position(int(e["location"]["row"]), int(e["location"]["column"])),
                Position(int(e["end_location"]["row"]), int(e["end_location"]["column"])),
                str(e["content"]),
                int(e["cell"]) if e.get("cell") is not None else None,
            )
            for e in data["edits"]
        )
        return Fix(str(data["message"]), edits, Applicability(data["applicability"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def offsets(text: str) -> list[int]:
    """The offset where each line starts (lines as Python counts them)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def apply(text: str, edits: Iterable[Edit]) -> str | None:
    """The text with the edits made; None when two edits overlap (nothing is applied)."""
    starts = offsets(text)

    def index(position: Position) -> int:
        line = min(max(position.line, 1), len(starts))
        return min(starts[line - 1] + position.column - 1, len(text))

    spans = sorted(((index(e.start), index(e.end), e.content) for e in edits), key=lambda s: s[:2])
    out: list[str] = []
    cursor = 0
    for start, end, content in spans:
        if start < cursor:
            return None
        out.append(text[cursor:start])
        out.append(content)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def without_conflicts(fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes, in order, leaving out any whose edits overlap an earlier one's."""
    taken: list[tuple[Position, Position]] = []
    kept = []
    for fix in fixes:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s < te and ts < e or s == ts for s, e in spans for ts, te in taken):
            continue
        taken.extend(spans)
        kept.append(fix)
    return kept
