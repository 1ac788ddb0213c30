"""``path:line:col: CODE message``, one finding a line: for grep, editors and old tools."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shapelint.diagnostics import Diagnostic
from shapelint.report.paths import location, one_line
from shapelint.report.summary import summary_line


def render(
    diagnostics: Sequence[Diagnostic], root: str, sources: Mapping[str, str] | None = None
) -> str:
    lines = [f"{location(d, root)}: {d.code} {one_line(d.message)}" for d in diagnostics]
    if diagnostics:
        lines.append(summary_line(len(diagnostics)))
    return "".join(line + "\n" for line in lines)
