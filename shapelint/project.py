"""Which settings apply to a file: the nearest config above it, as in ruff.

``shapelint check a/ b/`` from anywhere gives each file the ``[tool.shapelint]`` of its own
project (the nearest ``shapelint.toml``, or ``pyproject.toml`` with that table), anchors
``per-file-ignores`` and excludes at that file's directory, and keeps the cache next to it.
So the findings never depend on the working directory. ``--config`` replaces the search: one
file for every path, anchored at its own directory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shapelint.cache import CACHE_DIR_NAME
from shapelint.config import Config, ConfigError, config_in, load_config


@dataclass(frozen=True)
class Project:
    """The settings of one project and where they are anchored."""

    root: Path  # absolute: the config file's directory, else the git top level, else the cwd
    config_file: Path | None  # None: the defaults
    config: Config  # the file's settings with the command line's on top

    def cache_location(self, override: str | os.PathLike[str] | None = None) -> Path:
        """The project's cache: next to its root, or a folder of its own under ``override``
        (``--cache-dir`` / ``SHAPELINT_CACHE_DIR``), which many projects may share."""
        if not override:
            return self.root / CACHE_DIR_NAME
        digest = hashlib.sha256(str(self.root).encode("utf-8", "surrogateescape")).hexdigest()
        return Path(override) / "projects" / digest[:16]


def git_top_level(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding a ``.git`` (directory or file)."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


class Projects:
    """Finds and loads each directory's project once per run."""

    def __init__(
        self,
        overrides: Callable[[Config], Config],
        config_file: Path | None = None,
        cwd: Path | None = None,
    ) -> None:
        self._overrides = overrides
        self._cwd = (cwd or Path.cwd()).resolve()
        self._by_directory: dict[Path, Project] = {}
        self._by_file: dict[Path, Project] = {}
        self._forced: Project | None = None
        if config_file is not None:
            if not config_file.is_file():
                raise ConfigError(f"{config_file}: no such config file")
            self._forced = self._load(config_file)

    def for_path(self, path: str | os.PathLike[str]) -> Project:
        """The project of a file or directory (a directory's own config counts)."""
        if self._forced is not None:
            return self._forced
        absolute = Path(os.path.abspath(path))
        directory = absolute if absolute.is_dir() else absolute.parent
        return self._for_directory(directory)

    def every(self) -> list[Project]:
        """The projects seen so far, each once."""
        seen = {id(p): p for p in (*self._by_directory.values(), *self._by_file.values())}
        if self._forced is not None:
            seen[id(self._forced)] = self._forced
        return list(seen.values())

    def _for_directory(self, directory: Path) -> Project:
        walked: list[Path] = []
        project: Project | None = None
        for candidate in (directory, *directory.parents):
            project = self._by_directory.get(candidate)
            if project is not None:
                break
            walked.append(candidate)
            found = config_in(candidate)
            if found is not None:
                project = self._by_file.get(found) or self._load(found)
                break
        if project is None:
            top = git_top_level(directory)
            root = top if top is not None else self._cwd
            project = Project(root, None, self._overrides(Config()))
        for seen in walked:
            self._by_directory[seen] = project
        return project

    def _load(self, path: Path) -> Project:
        absolute = Path(os.path.abspath(path))
        project = Project(
            absolute.parent, absolute, self._overrides(load_config(self._shown(absolute)))
        )
        self._by_file[absolute] = project
        return project

    def _shown(self, path: Path) -> Path:
        """How a config file is named in messages: relative when it lies under the cwd."""
        try:
            return path.relative_to(self._cwd)
        except ValueError:
            return path
