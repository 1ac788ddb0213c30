"""flake8 adapter: ``SHP = shapelint.flake8_plugin:Plugin`` in the ``flake8.extension`` group.

Many teams already run flake8 in their editor and CI; this thin adapter brings shapelint's
findings there. The source comes from flake8's ``lines`` (so ``flake8 -`` on stdin works),
columns become 0-based, and flake8 keeps control of ``noqa`` and code selection. A plugin that
raises would abort flake8's whole run, so every failure becomes one SHP900 at 1:0 instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from typing import Any

from shapelint import __version__, engine
from shapelint.config import Config

ROW, COLUMN = 1, 0  # where an internal failure is reported


class Plugin:
    name = "shapelint"
    version = __version__
    time_budget: float = Config.time_budget

    def __init__(self, tree: ast.AST | None, lines: Sequence[str], filename: str) -> None:
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--shapelint-time-budget",
            type=float,
            default=Config.time_budget,
            parse_from_config=True,
            help="seconds shapelint may spend on one file before reporting SHP900 "
            "(default: %(default)s)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        budget = getattr(options, "shapelint_time_budget", None)
        if isinstance(budget, int | float) and budget > 0:
            cls.time_budget = float(budget)

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        try:
            config = Config(select=("SHP",), time_budget=self.time_budget)
            text = "".join(self.lines)
            results = [
                (d.start.line, max(d.start.column - 1, 0), f"{d.code} {d.message}", type(self))
                for d in engine.lint_source(
                    text, self.filename, config, syntax_errors=False, noqa=False
                )
            ]
        except Exception as exc:
            message = f"{engine.ANALYSIS_FAILED} internal error: {type(exc).__name__}: {exc}"
            results = [(ROW, COLUMN, message, type(self))]
        yield from results
