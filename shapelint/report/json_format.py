"""JSON for tools: a list of findings with 1-based rows and columns, end exclusive (DESIGN §6)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from shapelint.diagnostics import Diagnostic, Related
from shapelint.fixes import to_data
from shapelint.report.paths import display_path, one_line, rule_url


def render(
    diagnostics: Sequence[Diagnostic], root: str, sources: Mapping[str, str] | None = None
) -> str:
    records = [_record(d, root) for d in diagnostics]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _record(d: Diagnostic, root: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "code": d.code,
        "message": one_line(d.message),
        "filename": display_path(d.path, root),
        "location": {"row": d.start.line, "column": d.start.column},
        "end_location": {"row": d.end.line, "column": d.end.column},
        "severity": d.severity.value,
        "url": rule_url(d.code),
    }
    if d.cell is not None:  # rows count within the cell, as in the text output
        record["cell"] = d.cell.cell
    if d.fix is not None:
        record["fix"] = to_data(d.fix)
    if d.related:  # the calls whose arguments gave the shapes, outermost first
        record["related"] = [_related(r) for r in d.related]
    return record


def _related(related: Related) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message": related.message,
        "location": {"row": related.start.line, "column": related.start.column},
        "end_location": {"row": related.end.line, "column": related.end.column},
    }
    if related.cell is not None:
        data["cell"] = related.cell
    return data
