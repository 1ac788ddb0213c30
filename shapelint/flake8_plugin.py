"""flake8 adapter: ``SHP = shapelint.flake8_plugin:Plugin`` in the ``flake8.extension`` group.

Many teams already run flake8 in their editor and CI; this thin adapter brings shapelint's
findings there. The source comes from flake8's ``lines`` (so ``flake8 -`` on stdin works),
columns become 0-based, and flake8 keeps control of ``noqa`` and code selection (``--select``,
``--extend-ignore``, its own ``per-file-ignores``). What the plugin takes from
``[tool.shapelint]`` (the nearest one to each file, as the CLI finds it) is how the analysis
runs: ``time-budget``, ``memory-budget``, ``prefilter`` and ``keras-version``. It reads and
writes the same content cache as ``shapelint check``.

When flake8's selection leaves no SHP code (``--extend-ignore SHP``), the plugin does no work
at all. A plugin that raises would abort flake8's whole run, so every failure becomes one
SHP900 at 1:0 instead.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from shapelint import engine
from shapelint.config import Config, ConfigError
from shapelint.diagnostics import Diagnostic
from shapelint.version import __version__

ROW, COLUMN = 1, 0  # where an internal failure is reported
STDIN_NAMES = ("stdin", "-")
CACHE_ENV = "SHAPELINT_CACHE_DIR"


class Plugin:
    name = "shapelint"
    version = __version__
    time_budget: ClassVar[float | None] = None  # --shapelint-time-budget, over the config's
    enabled: ClassVar[bool] = True  # False when flake8's selection leaves no SHP code
    _projects: ClassVar[Any] = None

    def __init__(self, tree: ast.AST | None, lines: Sequence[str], filename: str) -> None:
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--shapelint-time-budget",
            type=float,
            default=None,
            parse_from_config=True,
            help="seconds of CPU shapelint may spend on one file before reporting SHP900 "
            "(default: the time-budget of [tool.shapelint], else 20)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        budget = getattr(options, "shapelint_time_budget", None)
        if isinstance(budget, int | float) and budget > 0:
            cls.time_budget = float(budget)
        cls.enabled = _selected_by_flake8(options)

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        if not self.enabled:
            return
        from shapelint.report.paths import chain_suffix

        try:
            results = [
                (
                    d.start.line,
                    max(d.start.column - 1, 0),
                    f"{d.code} {d.message}{chain_suffix(d)}",
                    type(self),
                )
                for d in self._diagnostics()
            ]
        except Exception as exc:
            message = f"{engine.ANALYSIS_FAILED} internal error: {type(exc).__name__}: {exc}"
            results = [(ROW, COLUMN, message, type(self))]
        yield from results

    def _diagnostics(self) -> list[Diagnostic]:
        from shapelint.checks import is_enabled
        from shapelint.report.paths import one_line

        config, cache = self._settings()
        text = "".join(self.lines)
        data = self._bytes_on_disk(text) if cache is not None else None
        raw = cache.load(self.filename, data) if cache is not None and data is not None else None
        if raw is None:
            raw = engine.lint_source(
                text, self.filename, config.analysis(), syntax_errors=False, noqa=False
            )
            if cache is not None and data is not None:
                if not any(engine.depends_on_time(d) for d in raw):
                    cache.store(self.filename, data, raw)
        stable = Config(select=("SHP",))  # flake8 selects among these; preview rules stay off
        found = [d for d in raw if is_enabled(stable, d.code, self.filename)]
        return [d if "\n" not in d.message else _flat(d, one_line(d.message)) for d in found]

    def _settings(self) -> tuple[Config, Any]:
        """The analysis settings of this file's project, and its cache (None for stdin)."""
        from shapelint.cache import open_cache
        from shapelint.project import Projects

        if Plugin._projects is None:
            Plugin._projects = Projects(lambda config: config)
        on_disk = self.filename not in STDIN_NAMES
        try:
            project = Plugin._projects.for_path(self.filename if on_disk else ".")
        except ConfigError:
            return self._with_budget(Config()), None  # flake8 is not the place to report it
        config = self._with_budget(project.config)
        if not on_disk:
            return config, None
        return config, open_cache(project.cache_location(os.environ.get(CACHE_ENV)), config)

    def _with_budget(self, config: Config) -> Config:
        if self.time_budget is None:
            return config
        from dataclasses import replace

        return replace(config, time_budget=self.time_budget)

    def _bytes_on_disk(self, text: str) -> bytes | None:
        """The file's bytes when they hold exactly the source flake8 gave us (the cache is
        keyed by bytes, as the CLI keys it)."""
        try:
            with open(self.filename, "rb") as handle:
                data = handle.read()
            return data if engine.decode(data) == text else None
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
            return None


def _flat(diag: Diagnostic, message: str) -> Diagnostic:
    from dataclasses import replace

    return replace(diag, message=message)


def _selected_by_flake8(options: Any) -> bool:
    """Whether flake8's own decision (``--select``, ``--ignore``, ``--extend-ignore``...)
    keeps any shapelint code; an error in asking keeps the plugin on."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        from shapelint.checks import REGISTRY

        decider = DecisionEngine(options)
        return any(decider.decision_for(rule.code) is Decision.Selected for rule in REGISTRY)
    except Exception:
        return True
