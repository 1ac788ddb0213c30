"""Linting many files: the work list, and (later) the process pool and the content cache."""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.config import Config
from shapelint.diagnostics import Diagnostic
from shapelint.engine import lint_file


def lint_paths(
    files: Sequence[str], config: Config, *, jobs: int | None = None, cache_dir: str | None = None
) -> list[Diagnostic]:
    """Findings for every file, sorted by path and position; ``cache_dir=None`` disables the cache."""
    out: list[Diagnostic] = []
    for path in files:
        out.extend(lint_file(path, config))
    return sorted(out, key=Diagnostic.sort_key)
