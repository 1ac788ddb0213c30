"""The command line: ``shapelint check``, ``shapelint rule`` and ``shapelint shapes``.

Everything a user can get wrong (an unknown code, a bad config key, a missing file for
``shapes``) ends in one line on stderr and exit 2; findings exit 1; a clean run exits 0. The
work itself is the engine's and the renderers'; this module only wires them together.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from shapelint import __version__
from shapelint.config import Config, ConfigError, check_selectors, find_pyproject, load_config
from shapelint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from shapelint.checks.base import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR = ".shapelint_cache"
CHECK_FORMATS = ("text", "concise", "json", "github", "sarif")


class UsageError(Exception):
    """A mistake on the command line: one line on stderr, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shapelint`` console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rule":
            return _rule(args)
        if args.command == "shapes":
            return _shapes(args)
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except (ConfigError, UsageError) as exc:
        print(f"shapelint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the run's own crash boundary: one line, exit 2
        print(f"shapelint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line naming the problem, like every other error (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog.split()[0]}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="shapelint", description="Find tensor-shape bugs in Python ML code without running it."
    )
    parser.add_argument("--version", action="version", version=f"shapelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories; - reads stdin",
    )
    selection = (
        ("--select", "only these codes or prefixes (replaces the config's selection)"),
        ("--ignore", "codes or prefixes to skip"),
        ("--extend-select", "codes or prefixes to add, e.g. preview rules"),
    )
    for flag, help_text in selection:
        check.add_argument(flag, type=_codes, action="append", metavar="CODES", help=help_text)
    check.add_argument("--output-format", choices=CHECK_FORMATS, default="text")
    check.add_argument(
        "-o", "--output-file", metavar="FILE", help="write the report here instead of stdout"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    check.add_argument(
        "--statistics", action="store_true", help="print a count per code instead of the findings"
    )
    check.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="worker processes (default: one per CPU)"
    )
    check.add_argument(
        "--no-cache", action="store_true", help="do not read or write .shapelint_cache"
    )
    check.add_argument("--config", metavar="FILE", help="a pyproject.toml or shapelint.toml to use")
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for source read from stdin"
    )

    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", nargs="?", metavar="CODE")
    rule.add_argument("--all", action="store_true", help="every rule")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    shapes = sub.add_parser("shapes", help="show the shape inferred for every assignment")
    shapes.add_argument("file", metavar="FILE")
    return parser


def _flatten(groups: list[list[str]] | None) -> list[str] | None:
    return None if groups is None else [code for group in groups for code in group]


def _settings(args: argparse.Namespace) -> tuple[Config, Path]:
    """The effective config and the project root (the config file's directory, else the cwd)."""
    cwd = Path.cwd()
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
        config, root = load_config(path), path.resolve().parent
    else:
        found = find_pyproject(cwd)
        if found is None:
            config, root = Config(), cwd
        else:
            shown = found.relative_to(cwd) if found.parent == cwd else found
            config, root = load_config(shown), found.parent
    select, ignore, extend = (
        _flatten(args.select),
        _flatten(args.ignore),
        _flatten(args.extend_select),
    )
    for flag, codes in (("--select", select), ("--ignore", ignore), ("--extend-select", extend)):
        unknown = check_selectors(codes or [])
        if unknown:
            raise UsageError(f"{flag}: unknown rule code or prefix `{unknown[0]}`")
    return config.with_overrides(select=select, ignore=ignore, extend_select=extend), root


def _check(args: argparse.Namespace) -> int:
    from shapelint.discover import discover
    from shapelint.engine import decode, lint_source
    from shapelint.runner import lint_paths

    config, root = _settings(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: expected a positive number")
    sources: dict[str, str] = {}
    if args.paths == ["-"]:
        name = args.stdin_filename or "<stdin>"
        sources[name] = decode(sys.stdin.buffer.read())
        diagnostics = lint_source(sources[name], name, config)
    else:
        if "-" in args.paths:
            raise UsageError("- (stdin) cannot be combined with other paths")
        missing = [path for path in args.paths if not os.path.exists(path)]
        if missing:
            raise UsageError(f"{missing[0]}: no such file or directory")
        files = discover(args.paths, root, config.exclude, config.extend_exclude)
        cache = None if args.no_cache else str(root / CACHE_DIR)
        diagnostics = lint_paths(files, config, jobs=args.jobs, cache_dir=cache)
        sources.update(_read_sources(diagnostics))
    report = _report(args, diagnostics, sources)
    _emit(report, args.output_file)
    return EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN


def _read_sources(diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The text of each file with findings, for source lines and fingerprints."""
    from shapelint.engine import decode

    out = {}
    for path in {d.path for d in diagnostics}:
        try:
            out[path] = decode(Path(path).read_bytes())
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
            continue
    return out


def _report(
    args: argparse.Namespace, diagnostics: list[Diagnostic], sources: dict[str, str]
) -> str:
    from shapelint.report import FORMATS, text

    root = os.getcwd()
    if args.statistics:
        return _statistics(diagnostics, args.output_format)
    if args.output_format == "text":
        report = text.render(
            diagnostics, root, sources, color=_use_color(args.output_file, sys.stdout)
        )
        return report or "All checks passed!\n"
    if args.output_format == "concise" and not diagnostics:
        return "All checks passed!\n"
    return FORMATS[args.output_format](diagnostics, root, sources)


def _statistics(diagnostics: list[Diagnostic], output_format: str) -> str:
    from shapelint.checks import rule_by_code

    counts = Counter(d.code for d in diagnostics)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rule_by_code(code)
        rows.append({"code": code, "name": rule.name if rule else "", "count": count})
    if output_format in ("json", "sarif"):
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{row['count']:>5}\t{row['code']}\t{row['name']}\n" for row in rows)


def _use_color(output_file: str | None, stream: TextIO) -> bool:
    if output_file or "NO_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _emit(report: str, output_file: str | None) -> None:
    if output_file:
        try:
            Path(output_file).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{output_file}: cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(report)
        sys.stdout.flush()


def _rule(args: argparse.Namespace) -> int:
    from shapelint.checks import REGISTRY, rule_by_code

    if args.all == bool(args.code):
        raise UsageError("rule: give one CODE or --all")
    if args.all:
        rules = list(REGISTRY)
    else:
        found = rule_by_code(args.code)
        if found is None:
            raise UsageError(f"unknown rule code `{args.code}`")
        rules = [found]
    if args.output_format == "json":
        records = [_rule_record(rule) for rule in rules]
        sys.stdout.write(json.dumps(records if args.all else records[0], indent=2) + "\n")
    else:
        from shapelint.checks import documentation

        sys.stdout.write("\n\n".join(documentation(rule) for rule in rules) + "\n")
    return EXIT_CLEAN


def _rule_record(rule: type[Rule]) -> dict[str, object]:
    from shapelint.checks import documentation
    from shapelint.report.paths import rule_url

    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "status": rule.status,
        "summary": rule.summary,
        "explanation": documentation(rule),
        "url": rule_url(rule.code),
    }


def _shapes(args: argparse.Namespace) -> int:
    from shapelint import engine

    annotate = getattr(engine, "annotate_source", None)
    if annotate is None:
        raise UsageError("shapes: this build cannot show inferred shapes yet")
    try:
        text = engine.decode(Path(args.file).read_bytes())
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise UsageError(f"{args.file}: cannot decode: {exc}") from None
    sys.stdout.write(annotate(text, args.file))
    return EXIT_CLEAN
