"""GitHub Actions workflow commands, which show each finding inline on the pull request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shapelint.diagnostics import Diagnostic, Severity
from shapelint.report.paths import display_path, one_line


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    diagnostics: Sequence[Diagnostic], root: str, sources: Mapping[str, str] | None = None
) -> str:
    out = []
    for d in diagnostics:
        start, end = d.file_span()
        command = "error" if d.severity is Severity.ERROR else "warning"
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("title", f"shapelint {d.code}"),
                ("file", display_path(d.path, root)),
                ("line", start.line),
                ("col", start.column),
                ("endLine", end.line),
                ("endColumn", end.column),
            )
        )
        out.append(f"::{command} {properties}::{escape_data(one_line(d.message))}\n")
    return "".join(out)
