"""Which files a run lints: walk the given paths, honouring ignore files and the excludes.

Walking a project must not wander into virtualenvs, build output or ignored files (slow and
noisy), but a file named on the command line is linted even when excluded: the user asked for
it. ``force_exclude`` makes the excludes hold for named files too, which is what pre-commit
needs (it names every staged file).

Ignore files are read as git reads them (nested ``.gitignore`` files, ``.git/info/exclude``,
the global excludes file) with pathspec's git-exact matcher rather than a matcher of our own:
negation, ``**``, anchoring and directory-only patterns have corner cases a well-used library
already gets right. As in ruff, ``.gitignore`` files count even outside a git repository.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

from shapelint.config import path_matches, relative_posix
from shapelint.project import Project, Projects, git_top_level

DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".eggs",
    "build",
    "dist",
    "__pycache__",
    "node_modules",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".shapelint_cache",
    "site-packages",
)
SOURCE_SUFFIXES = (".py", ".ipynb")  # what a directory walk picks up: modules and notebooks


@dataclass(frozen=True)
class _IgnoreFile:
    base: Path  # patterns are relative to this directory
    spec: GitIgnoreSpec


def discover(
    paths: Sequence[str], projects: Projects | None = None, *, force_exclude: bool = False
) -> list[str]:
    """The source files to lint, sorted, each once (a file named twice, or named and also
    found by a walk, is linted once, under the first spelling met).

    A project's ``exclude`` replaces DEFAULT_EXCLUDES when given; ``extend-exclude`` adds to
    them. Patterns are matched relative to the project root (see ``config.path_matches``).
    """
    projects = projects or Projects(lambda config: config)
    found: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            if force_exclude and _excluded(path, projects.for_path(path)):
                continue
            for file in _walk(path, projects):
                found.setdefault(os.path.realpath(file), file)
        elif not (force_exclude and _excluded(path, projects.for_path(path))):
            found.setdefault(os.path.realpath(given), given)  # missing ones give SHP900
    return sorted(found.values())


def excludes(project: Project) -> tuple[str, ...]:
    """The exclude patterns in force in a project."""
    config = project.config
    return tuple(config.exclude or DEFAULT_EXCLUDES) + tuple(config.extend_exclude)


def _excluded(path: Path, project: Project) -> bool:
    relative = relative_posix(str(path), project.root)
    if relative.startswith("/") or relative == ".":
        return False  # outside its own project: no pattern of it applies
    return any(path_matches(relative, pattern) for pattern in excludes(project))


def _walk(top: Path, projects: Projects) -> Iterator[str]:
    absolute = Path(os.path.abspath(top))
    git_top = git_top_level(absolute)
    ignores = _repository_ignores(git_top) if git_top is not None else []
    base = git_top if git_top is not None else projects.for_path(absolute).root
    ignores += [
        ignore for directory in _between(base, absolute) for ignore in _read_ignore(directory)
    ]
    yield from _walk_dir(top, absolute, projects, ignores)


def _between(base: Path, top: Path) -> list[Path]:
    """The directories from ``base`` down to the parent of ``top`` (empty when ``top`` is not
    below ``base``)."""
    if base not in top.parents:
        return []
    return [p for p in reversed(top.parents) if p == base or base in p.parents]


def _walk_dir(
    directory: Path, absolute: Path, projects: Projects, ignores: list[_IgnoreFile]
) -> Iterator[str]:
    ignores = ignores + _read_ignore(absolute)
    project = projects.for_path(absolute)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        child, child_absolute = Path(entry.path), absolute / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if _excluded(child_absolute, project) or _ignored(child_absolute, is_dir, ignores):
            continue
        if is_dir:
            if not entry.is_symlink():
                yield from _walk_dir(child, child_absolute, projects, ignores)
        elif entry.name.endswith(SOURCE_SUFFIXES):
            yield str(child)


def _ignored(path: Path, is_dir: bool, ignores: list[_IgnoreFile]) -> bool:
    """git's verdict: the last matching pattern of the most specific file wins."""
    verdict = False
    for ignore in ignores:
        try:
            relative = path.relative_to(ignore.base).as_posix()
        except ValueError:
            continue
        result = ignore.spec.check_file(relative + "/" if is_dir else relative)
        if result.include is not None:
            verdict = result.include
    return verdict


def _read_ignore(directory: Path) -> list[_IgnoreFile]:
    return _spec(directory / ".gitignore", directory)


def _spec(file: Path, base: Path) -> list[_IgnoreFile]:
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    spec = GitIgnoreSpec.from_lines(text.splitlines())
    return [_IgnoreFile(base, spec)] if len(spec) else []


def _repository_ignores(top: Path) -> list[_IgnoreFile]:
    """The global excludes file, then ``.git/info/exclude``: both lower in priority than any
    ``.gitignore``, and both relative to the repository's top level."""
    ignores = []
    global_file = global_excludes_file()
    if global_file is not None:
        ignores += _spec(global_file, top)
    return ignores + _spec(top / ".git" / "info" / "exclude", top)


def global_excludes_file() -> Path | None:
    """``core.excludesFile`` from git's config, else git's default
    ``$XDG_CONFIG_HOME/git/ignore`` (``~/.config/git/ignore``)."""
    try:
        configured = subprocess.run(
            ["git", "config", "--global", "--get", "core.excludesFile"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        configured = ""
    if configured:
        return Path(os.path.expanduser(configured))
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config"
    )
    return Path(config_home) / "git" / "ignore"
