"""Output formats: one pure ``render(diagnostics, root, sources) -> str`` per format.

Renderers never read files or the environment: the CLI passes the project ``root`` (paths are
shown relative to it) and ``sources`` (path -> text) for the formats that quote source lines, so
every format has a golden-output test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from shapelint.diagnostics import Diagnostic
from shapelint.report import concise, github, json_format, sarif, text

Renderer = Callable[[Sequence[Diagnostic], str, Mapping[str, str]], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}

__all__ = ["FORMATS", "Renderer"]
