"""JSON for tools: a list of findings with 1-based rows and columns, end exclusive (DESIGN §6)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from shapelint.diagnostics import Diagnostic
from shapelint.report.paths import display_path, one_line, rule_url


def render(
    diagnostics: Sequence[Diagnostic], root: str, sources: Mapping[str, str] | None = None
) -> str:
    records = [
        {
            "code": d.code,
            "message": one_line(d.message),
            "filename": display_path(d.path, root),
            "location": {"row": d.start.line, "column": d.start.column},
            "end_location": {"row": d.end.line, "column": d.end.column},
            "severity": d.severity.value,
            "url": rule_url(d.code),
        }
        for d in diagnostics
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
