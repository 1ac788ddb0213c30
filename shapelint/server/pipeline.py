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

from shapelint.cache import CACHE_DIR_NAME, Cache, open_cache
from shapelint.config import Config, ConfigError, find_pyproject, load_config
from shapelint.diagnostics import Diagnostic


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config
    cache: Cache | None
    problem: str | None = None  # a config that could not be read: the defaults are used


_lock = threading.Lock()
_projects: dict[Path, Project] = {}


def project_for(path: Path) -> Project:
    """The project a file belongs to (read once per config file)."""
    found = find_pyproject(path.parent)
    root = found.parent if found is not None else path.parent
    with _lock:
        known = _projects.get(root)
        if known is not None:
            return known
        problem = None
        try:
            config = load_config(found) if found is not None else Config()
        except ConfigError as exc:
            config, problem = Config(), str(exc)
        project = Project(root, config, open_cache(root / CACHE_DIR_NAME, config), problem)
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
    """The findings for an editor's text of ``path``, through the cache."""
    from shapelint.engine import depends_on_time, lint_document

    project = project_for(path)
    name = shown_path(path, project.root)
    data = text.encode("utf-8", "surrogateescape")
    if project.cache is not None:
        cached = project.cache.load(name, data)
        if cached is not None:
            return cached
    diagnostics = lint_document(text, name, project.config)
    if project.cache is not None and not any(depends_on_time(d) for d in diagnostics):
        project.cache.store(name, data, diagnostics)
    return diagnostics


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
