"""What a run prints besides the report: colour, the progress bar, the summary, warnings.

The report goes to stdout (or ``-o``); everything else goes to stderr, so a pipe or a file
receives only the report. ``-q`` keeps the findings and drops the rest, ``--silent`` prints
nothing at all (the exit code still tells).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from shapelint.cli.errors import UsageError
from shapelint.diagnostics import Diagnostic
from shapelint.runner import Progress

PROGRESS_AFTER = 0.5  # seconds: a run shorter than this never draws a bar
REDRAW_EVERY = 0.1
BAR_WIDTH = 30


@dataclass
class Output:
    color: bool
    quiet: bool
    silent: bool
    output_file: str | None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Output:
        color = use_color(args.color, args.output_file, sys.stdout)
        return cls(color, args.quiet, args.silent, args.output_file)

    def report(self, text: str) -> None:
        if self.silent:
            return
        if self.quiet:
            text = _strip_summaries(text)
        if self.output_file:
            try:
                Path(self.output_file).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UsageError(
                    f"{self.output_file}: cannot write: {exc.strerror or exc}"
                ) from None
        else:
            sys.stdout.write(text)
            sys.stdout.flush()

    def warn(self, message: str) -> None:
        if not self.silent:
            print(f"shapelint: warning: {message}", file=sys.stderr)

    def note(self, message: str) -> None:
        if not (self.silent or self.quiet):
            print(message, file=sys.stderr)

    def checked(self, files: int, seconds: float) -> None:
        self.note(f"Checked {files} file{'' if files == 1 else 's'} in {seconds:.2f} s")

    @contextlib.contextmanager
    def progress(self, total: int) -> Iterator[Progress | None]:
        """A bar on stderr when it is a terminal (not in CI) and the run lasts."""
        if self.silent or self.quiet or not _interactive(sys.stderr):
            yield None
            return
        bar = _Bar(total, sys.stderr)
        try:
            yield bar.advance
        finally:
            bar.close()


class _Bar:
    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.started < PROGRESS_AFTER or now - self.drawn_at < REDRAW_EVERY:
            return
        self.drawn_at = now
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _interactive(stream: TextIO) -> bool:
    if os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def use_color(choice: str, output_file: str | None, stream: TextIO) -> bool:
    """``--color`` first; for ``auto``: a non-empty NO_COLOR turns colour off, a non-empty
    FORCE_COLOR turns it on, else colour when stdout is a terminal (never into ``-o``).
    An empty NO_COLOR is ignored, as https://no-color.org asks."""
    if choice != "auto":
        return choice == "always"
    if output_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_SUMMARIES = ("All checks passed!", "Found ")


def _strip_summaries(text: str) -> str:
    """The human formats' closing line dropped (``-q``)."""
    lines = text.splitlines(keepends=True)
    while lines and (lines[-1].startswith(_SUMMARIES) or lines[-1] == "\n"):
        lines.pop()
    return "".join(lines)


def read_sources(diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The text of each file with findings, for source lines and fingerprints."""
    from shapelint.engine import decode

    out = {}
    for path in {d.path for d in diagnostics}:
        try:
            out[path] = decode(Path(path).read_bytes())
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
            continue
    return out


def render_report(
    args: argparse.Namespace,
    diagnostics: list[Diagnostic],
    sources: dict[str, str],
    color: bool,
    *,
    root: str,
) -> str:
    """The report in the chosen format: paths relative to the working directory, except in
    SARIF, whose URIs are relative to ``root`` (the project root)."""
    from shapelint.report import FORMATS, text

    if args.statistics:
        return statistics(diagnostics, args.output_format)
    cwd = os.getcwd()
    if args.output_format == "text":
        return text.render(diagnostics, cwd, sources, color=color) or "All checks passed!\n"
    if args.output_format == "concise" and not diagnostics:
        return "All checks passed!\n"
    if args.output_format == "sarif":
        absolute = [dataclasses.replace(d, path=_absolute(d.path)) for d in diagnostics]
        return FORMATS["sarif"](absolute, root, {_absolute(p): t for p, t in sources.items()})
    return FORMATS[args.output_format](diagnostics, cwd, sources)


def _absolute(path: str) -> str:
    return path if path.startswith("<") else os.path.abspath(path)  # "<stdin>" stays


def statistics(diagnostics: list[Diagnostic], output_format: str) -> str:
    from shapelint.checks import rule_by_code

    counts = Counter(d.code for d in diagnostics)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rule_by_code(code)
        rows.append({"code": code, "name": rule.name if rule else "", "count": count})
    if output_format in ("json", "sarif"):
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{row['count']:>5}\t{row['code']}\t{row['name']}\n" for row in rows)
