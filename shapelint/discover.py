"""Which files a run lints: walk the given paths, honouring .gitignore and the excludes.

Walking a project must not wander into virtualenvs, build output or ignored files (slow and
noisy), but a file named on the command line is always linted: the user asked for it, and
pre-commit passes exactly the staged files.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

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


LINTED_SUFFIXES = (".py", ".ipynb")  # what a directory walk picks up


@dataclass(frozen=True)
class _IgnoreRule:
    base: Path  # the directory holding the .gitignore
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


def discover(
    paths: Sequence[str],
    root: Path,
    exclude: Sequence[str] = (),
    extend_exclude: Sequence[str] = (),
) -> list[str]:
    """The Python files and notebooks to lint, sorted and without duplicates.

    ``exclude`` replaces DEFAULT_EXCLUDES when given; ``extend_exclude`` adds to them. Patterns
    are globs matched against a file or directory name and against its path relative to ``root``.
    """
    patterns = tuple(exclude or DEFAULT_EXCLUDES) + tuple(extend_exclude)
    found: dict[str, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path, root.resolve(), patterns):
                found[file] = None
        else:
            found[given] = None  # explicit files are always linted (missing ones give SHP900)
    return sorted(found)


def _walk(top: Path, root: Path, patterns: tuple[str, ...]) -> Iterator[str]:
    rules = _ancestor_rules(top.resolve(), root)
    yield from _walk_dir(top, root, patterns, rules)


def _walk_dir(
    directory: Path, root: Path, patterns: tuple[str, ...], rules: list[_IgnoreRule]
) -> Iterator[str]:
    rules = rules + _read_gitignore(directory.resolve())
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if _excluded(child, root, patterns) or _ignored(child.resolve(), is_dir, rules):
            continue
        if is_dir:
            if not entry.is_symlink():
                yield from _walk_dir(child, root, patterns, rules)
        elif entry.name.endswith(LINTED_SUFFIXES):
            yield str(child)


def _excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(
        fnmatch.fnmatchcase(path.name, p) or fnmatch.fnmatchcase(relative, p.strip("/"))
        for p in patterns
    )


def _ancestor_rules(top: Path, root: Path) -> list[_IgnoreRule]:
    """.gitignore files above the walked directory, up to the project root."""
    if top != root and root not in top.parents:
        return []
    ancestors = [p for p in reversed(top.parents) if p == root or root in p.parents]
    return [rule for directory in ancestors for rule in _read_gitignore(directory)]


def _ignored(path: Path, is_dir: bool, rules: list[_IgnoreRule]) -> bool:
    """gitignore semantics: the last matching rule wins, ``!`` re-includes."""
    verdict = False
    for rule in rules:
        if rule.directory_only and not is_dir:
            continue
        try:
            relative = path.relative_to(rule.base).as_posix()
        except ValueError:
            continue
        if rule.regex.fullmatch(relative):
            verdict = not rule.negated
    return verdict


def _read_gitignore(directory: Path) -> list[_IgnoreRule]:
    try:
        text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        directory_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _glob_regex(line.lstrip("/"))
        regex = body if anchored else f"(?:.*/)?{body}"
        rules.append(_IgnoreRule(directory, re.compile(regex), negated, directory_only))
    return rules


def _glob_regex(pattern: str) -> str:
    """A gitignore glob as a regex over a slash-separated relative path."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape("["))
                i += 1
            else:
                inner = pattern[i + 1 : end].replace("\\", "\\\\")
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)
