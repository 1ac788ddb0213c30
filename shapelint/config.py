"""Effective configuration: which codes run on which files.

Loading ``[tool.shapelint]`` from pyproject.toml and validating it lives here too; a problem
raises ConfigError naming the file and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ConfigError(Exception):
    """A bad config file, key or value; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every stable rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    prefilter: bool = True
    time_budget: float = 20.0
