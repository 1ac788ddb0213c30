"""Expected findings written inline: a trailing ``# SHP001: 5`` (or ``# SHP002: 7, SHP003: 7``)
marks a finding of that code starting at that 1-based column on that line. A file without
markers must produce no finding at all: silence is an assertion too."""

from __future__ import annotations

import re

from shapelint.config import Config
from shapelint.engine import lint_source

_MARK = re.compile(r"\b(SHP\d{3}):\s*(\d+)")
_MARKER_COMMENT = re.compile(r"#\s*(SHP\d{3}:\s*\d+(?:\s*,\s*SHP\d{3}:\s*\d+)*)\s*$")

Finding = tuple[str, int, int]


def expected(source: str) -> set[Finding]:
    found: set[Finding] = set()
    for number, line in enumerate(source.splitlines(), start=1):
        comment = _MARKER_COMMENT.search(line)
        if comment:
            found.update((code, number, int(col)) for code, col in _MARK.findall(comment.group(1)))
    return found


def actual(source: str, path: str = "example.py", config: Config | None = None) -> set[Finding]:
    diagnostics = lint_source(source, path, config or Config(select=("SHP",)))
    return {(d.code, d.start.line, d.start.column) for d in diagnostics}
