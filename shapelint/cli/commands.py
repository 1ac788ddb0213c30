"""``shapelint rule`` (a rule's page, by code or name) and ``shapelint clean``."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from shapelint.cli.errors import EXIT_CLEAN, UsageError

if TYPE_CHECKING:
    from shapelint.checks.base import Rule


def rule(args: argparse.Namespace) -> int:
    from shapelint.checks import REGISTRY, documentation, rule_by_code

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
        records = [_record(rule) for rule in rules]
        sys.stdout.write(json.dumps(records if args.all else records[0], indent=2) + "\n")
    else:
        sys.stdout.write("\n\n".join(documentation(rule) for rule in rules) + "\n")
    return EXIT_CLEAN


def _record(rule: type[Rule]) -> dict[str, object]:
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


def clean(args: argparse.Namespace) -> int:
    """Remove every ``.shapelint_cache`` under the working directory, as ``ruff clean`` does,
    and the ``--cache-dir`` / ``SHAPELINT_CACHE_DIR`` folder."""
    from shapelint.cache import CACHE_DIR_NAME
    from shapelint.cli.check import CACHE_ENV

    found = []
    for directory, names, _ in os.walk("."):
        if CACHE_DIR_NAME in names and _is_cache(Path(directory) / CACHE_DIR_NAME):
            found.append(Path(directory) / CACHE_DIR_NAME)
        names[:] = [n for n in names if n not in (CACHE_DIR_NAME, ".git")]
    extra = args.cache_dir or os.environ.get(CACHE_ENV)
    if extra:  # only the caches shapelint made in it: the folder may hold other things
        projects = Path(extra) / "projects"
        found += [p for p in sorted(projects.glob("*")) if _is_cache(p)]
    for cache in found:
        if not args.silent and not args.quiet:
            print(f"Removing cache at: {cache}", file=sys.stderr)
        shutil.rmtree(cache, ignore_errors=True)
    return EXIT_CLEAN


def _is_cache(directory: Path) -> bool:
    """Made by shapelint: its ``.gitignore`` carries our marker line."""
    from shapelint.cache import MARKER

    try:
        return (directory / ".gitignore").read_text(encoding="utf-8").startswith(MARKER)
    except OSError:
        return False
