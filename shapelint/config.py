"""Effective configuration: which codes run on which files.

Loading ``[tool.shapelint]`` from pyproject.toml (or the top level of a shapelint.toml) and
validating it lives here too: a user who mistypes a key or a code must hear about it
(ConfigError naming the file and key) rather than have the setting silently ignored.
Command-line flags are merged on top with ``with_overrides``.

Paths in a config file (``per-file-ignores``, ``exclude``) are anchored at the directory that
holds the file, as in ruff: the same file gets the same verdict whatever the working directory.
"""

from __future__ import annotations

import fnmatch
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from shapelint.rule_codes import CODES, canonical_selector, unknown_selectors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

SECTION = "tool.shapelint"
# Looked for in each directory, in this order (as ruff prefers ruff.toml over pyproject.toml).
CONFIG_NAMES = ("shapelint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A bad config file, key or value; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every stable rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()  # empty: the default excludes (see shapelint.discover)
    extend_exclude: tuple[str, ...] = ()
    prefilter: bool = True
    time_budget: float = 20.0
    memory_budget: float = 2048.0  # MiB libcst may use for one file
    keras_version: int | None = None  # 2 or 3; None: what the file's imports tell, if anything

    def with_overrides(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        extend_select: Sequence[str] | None = None,
    ) -> Config:
        """Command-line selection on top of the file's.

        As in ruff, a command-line ``--select`` starts the selection afresh (the file's
        ``select``, ``ignore`` and ``extend-select`` no longer apply); without it, command-line
        ``--ignore`` and ``--extend-select`` add to the file's lists.
        """
        if select is not None:
            return replace(
                self,
                select=tuple(select),
                ignore=tuple(ignore or ()),
                extend_select=tuple(extend_select or ()),
            )
        return replace(
            self,
            ignore=self.ignore + tuple(ignore or ()),
            extend_select=self.extend_select + tuple(extend_select or ()),
        )

    def analysis(self) -> Config:
        """Only the settings the analysis itself reads, every rule selected (preview ones too):
        what the content cache stores, so that selection and ignores apply after it."""
        return Config(
            select=CODES,
            prefilter=self.prefilter,
            time_budget=self.time_budget,
            memory_budget=self.memory_budget,
            keras_version=self.keras_version,
        )

    def ignored_in_file(
        self, path: str, root: str | os.PathLike[str] | None = None
    ) -> tuple[str, ...]:
        """The selectors ``per-file-ignores`` lists for ``path``, matched relative to ``root``
        (the config file's directory; None: the working directory)."""
        if not self.per_file_ignores:
            return ()
        relative = relative_posix(path, root)
        return tuple(
            code
            for pattern, codes in self.per_file_ignores
            if path_matches(relative, pattern)
            for code in codes
        )


def relative_posix(path: str, root: str | os.PathLike[str] | None) -> str:
    """``path`` relative to ``root`` with forward slashes; outside ``root``, its absolute path."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root if root is not None else os.getcwd())
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive
        return Path(absolute).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def path_matches(relative: str, pattern: str) -> bool:
    """A config glob against a root-relative path, as ruff matches ``per-file-ignores``: a
    pattern with a slash is anchored at the root (``*`` may cross directories); one without a
    slash matches the file's name, or a directory name on its way."""
    pattern = pattern.replace("\\", "/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" in pattern.rstrip("/"):
        anchored = pattern.lstrip("/").rstrip("/")
        return fnmatch.fnmatchcase(relative, anchored) or fnmatch.fnmatchcase(
            relative, anchored + "/*"
        )
    name = pattern.rstrip("/")
    return any(fnmatch.fnmatchcase(part, name) for part in relative.split("/"))


def find_config(start: Path) -> Path | None:
    """The nearest config at or above the directory ``start``: a shapelint.toml, or a
    pyproject.toml that has a ``[tool.shapelint]`` table (one without it is passed over)."""
    for directory in (start, *start.parents):
        found = config_in(directory)
        if found is not None:
            return found
    return None


def config_in(directory: Path) -> Path | None:
    """The config file in this very directory, if it has one."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return candidate
        try:
            data = _read_toml(candidate)
        except ConfigError:
            return candidate  # a broken file nearby must be reported, not skipped
        if "shapelint" in data.get("tool", {}):
            return candidate
    return None


def load_config(path: Path) -> Config:
    """Config from a pyproject.toml (its ``[tool.shapelint]``) or a shapelint.toml (top level)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("shapelint", {})
        where = f"{path}: [{SECTION}]"
    else:
        table, where = data, str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    return parse_table(table, where)


def parse_table(table: dict[str, Any], where: str) -> Config:
    """Validate every key and value; a problem raises ConfigError naming ``where`` and the key."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        parser = _PARSERS.get(key)
        if parser is None:
            known = ", ".join(sorted(_PARSERS))
            raise ConfigError(f"{where}: unknown key `{key}` (known keys: {known})")
        try:
            values[key.replace("-", "_")] = parser(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: `{key}`: {exc}") from None
    return Config(**values)


def check_selectors(selectors: Sequence[str]) -> list[str]:
    """The selectors that name no rule code or rule name (an empty list when all are fine)."""
    return unknown_selectors([canonical_selector(s) for s in selectors])


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


def _codes(value: Any) -> tuple[str, ...]:
    codes = _strings(value)
    unknown = check_selectors(codes)
    if unknown:
        raise ValueError(f"unknown rule code or prefix `{unknown[0]}`")
    return tuple(canonical_selector(c) for c in codes)


def _per_file(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError('expected a table of glob = ["CODE", ...]')
    out = []
    for pattern, codes in value.items():
        try:
            out.append((pattern, _codes(codes)))
        except ValueError as exc:
            raise ValueError(f"`{pattern}`: {exc}") from None
    return tuple(out)


def _budget(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        raise ValueError("expected a positive, finite number of seconds")
    return float(value)


def _mebibytes(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        raise ValueError("expected a positive, finite number of MiB")
    return float(value)


def _keras_version(value: Any) -> int:
    if isinstance(value, bool) or value not in (2, 3):
        raise ValueError("expected 2 (tf-keras, Keras 2) or 3 (Keras 3)")
    return int(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "select": _codes,
    "ignore": _codes,
    "extend-select": _codes,
    "per-file-ignores": _per_file,
    "exclude": _strings,
    "extend-exclude": _strings,
    "prefilter": _flag,
    "time-budget": _budget,
    "memory-budget": _mebibytes,
    "keras-version": _keras_version,
}
