"""The per-file pipeline for editor buffers: the project's config and the content cache.

A buffer is linted exactly as ``shapelint check`` lints the file: the nearest
``pyproject.toml`` with a ``[tool.shapelint]`` table gives the config (and the root that
``per-file-ignores`` are matched from), findings come from ``engine.lint_document`` and are
kept in the same ``.shapelint_cache``, keyed by the buffer's bytes, so a saved file the CLI
has seen costs nothing, and the other way round.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from shapelint.cache import Cache, open_cache
from shapelint.config import Config, ConfigError
from shapelint.diagnostics import Diagnostic
from shapelint.project import Projects


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config
    cache: Cache | None
    problem: str | None = None  # a config that could not be read: the defaults are used


_lock = threading.Lock()
_projects: dict[Path, Project] = {}


def project_for(path: Path) -> Project:
    """The project a file belongs to, found as ``shapelint check`` finds it (the nearest
    ``shapelint.toml`` or ``pyproject.toml`` with the table); read once per project root."""
    problem = None
    try:
        found = Projects(lambda config: config).for_path(path)
        root, config = found.root, found.config
    except ConfigError as exc:
        root, config, problem = path.parent.resolve(), Config(), str(exc)
    with _lock:
        known = _projects.get(root)
        if known is not None:
            return known
        project = Project(root, config, open_cache(root / ".shapelint_cache", config), problem)
        _projects[root] = project
        return project


def forget_projects() -> None:
    """Drop what was read, e.g. after a config file changed."""
    with _lock:
        _projects.clear()


def shown_path(path: Path, root: Path) -> str:
    """The path findings and ``per-file-ignores`` see: relative to the root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def lint_buffer(text: str, path: Path) -> list[Diagnostic]:
    """The findings for an editor's text of ``path``: the unfiltered analysis through the
    cache (as the CLI stores it), then ``noqa`` and the selection, as the CLI applies them."""
    from shapelint.engine import depends_on_time, lint_document
    from shapelint.runner import Target, finish

    project = project_for(path)
    name = str(path.resolve())  # the cache keys by absolute path, as the CLI's entries are
    data = text.encode("utf-8", "surrogateescape")
    raw = project.cache.load(name, data) if project.cache is not None else None
    if raw is None:
        raw = lint_document(text, name, project.config.analysis(), noqa=False)
        if project.cache is not None and not any(depends_on_time(d) for d in raw):
            project.cache.store(name, data, raw)
    return finish(raw, Target(name, project.config, str(project.root)), text)


def lint_cells(texts: list[str], path: Path) -> tuple[list[Diagnostic], str, list[int]]:
    """Findings for a notebook's code cells as an editor holds them, on their joined source
    (as on disk), with that source and the line of it where each cell starts."""
    from shapelint.engine import lint_source
    from shapelint.notebook import join_cells

    project = project_for(path)
    source, first_lines = join_cells(texts)
    name = shown_path(path, project.root)
    return lint_source(source, name, project.config), source, first_lines


def default_path(uri_path: str | None) -> Path:
    """A file system path for a document (untitled buffers live in the working directory)."""
    return Path(uri_path) if uri_path else Path(os.getcwd()) / "untitled.py"
