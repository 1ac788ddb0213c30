"""The command line's grammar: subcommands, flags and their help, following ruff's names."""

from __future__ import annotations

import argparse
from typing import NoReturn

CHECK_FORMATS = ("text", "concise", "json", "github", "sarif")
COLOR_CHOICES = ("auto", "always", "never")


class Parser(argparse.ArgumentParser):
    """Usage errors as one line naming the problem, like every other error (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog.split()[0]}: error: {message}\n")


def codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build(version: str) -> argparse.ArgumentParser:
    parser = Parser(
        prog="shapelint", description="Find tensor-shape bugs in Python ML code without running it."
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"shapelint {version}",
        help="print the version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _check(sub.add_parser("check", help="lint files and directories"))

    rule = sub.add_parser("rule", help="explain a rule, by code or by name")
    rule.add_argument(
        "code", nargs="?", metavar="CODE", help="e.g. SHP002 or elementwise-not-matmul"
    )
    rule.add_argument("--all", action="store_true", help="every rule")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    shapes = sub.add_parser("shapes", help="show the shape inferred for every assignment")
    shapes.add_argument("file", metavar="FILE", help="a Python file; - reads stdin")
    shapes.add_argument("--output-format", choices=("text", "json"), default="text")
    shapes.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for source read from stdin"
    )

    clean = sub.add_parser(
        "clean", help="remove the caches under the current directory (and --cache-dir)"
    )
    clean.add_argument("--cache-dir", metavar="DIR", help="also remove this cache directory")
    _verbosity(clean)

    sub.add_parser(
        "server", help="run the language server on stdin/stdout (needs shapelint[server])"
    )
    return parser


def _fix_options(check: argparse.ArgumentParser) -> None:
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the fixes to the files")
    fixing.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; change nothing"
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="let --fix and --diff apply unsafe fixes (every shape fix changes what the code "
        "computes, so all of them are unsafe)",
    )


def _check(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories; - reads stdin",
    )
    selection = (
        ("--select", "only these codes, prefixes or rule names (replaces the config's selection)"),
        ("--ignore", "codes, prefixes or rule names to skip"),
        ("--extend-select", "codes or rule names to add, e.g. preview rules"),
    )
    for flag, help_text in selection:
        check.add_argument(flag, type=codes, action="append", metavar="CODES", help=help_text)
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
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where the cache lives (default: .shapelint_cache in each project root; "
        "also SHAPELINT_CACHE_DIR)",
    )
    check.add_argument(
        "--config", metavar="FILE", help="a pyproject.toml or shapelint.toml for every file"
    )
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for source read from stdin"
    )
    check.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="apply exclude and extend-exclude to files named on the command line too",
    )
    check.add_argument(
        "--add-noqa",
        action="store_true",
        help="write a `# noqa: CODE` comment for every current finding",
    )
    _fix_options(check)
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings for the first file and the config file they come from",
    )
    check.add_argument(
        "--show-files", action="store_true", help="print the files that would be linted"
    )
    check.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the text format (auto: on a terminal; NO_COLOR and FORCE_COLOR apply)",
    )
    _verbosity(check)


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings only, no summary"
    )
    group.add_argument(
        "-s",
        "--silent",
        action="store_true",
        help="print nothing (the exit code still tells); usage errors still print",
    )
