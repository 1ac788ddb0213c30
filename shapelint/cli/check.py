"""``shapelint check``: find the files, lint them per project, report.

Each file gets the settings of its own project (``shapelint.project``); the command line's
flags go on top of every project's file. The analysis is cached unfiltered in each project's
cache, and ``noqa`` and the selection are applied after, so changing ``--select`` is a warm run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shapelint.cli.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from shapelint.cli.output import Output, read_sources, render_report
from shapelint.config import Config, canonical_selector, check_selectors
from shapelint.diagnostics import Diagnostic
from shapelint.project import Project, Projects

if TYPE_CHECKING:
    from shapelint.cache import Cache
    from shapelint.runner import Target

CACHE_ENV = "SHAPELINT_CACHE_DIR"
NO_FILES = "no Python files or notebooks found under the given paths"


def check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out = Output.from_args(args)
    projects = Projects(_overrides(args), Path(args.config) if args.config else None)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: expected a positive number")
    if args.paths == ["-"]:
        return _check_stdin(args, projects, out, started)
    if "-" in args.paths:
        raise UsageError("- (stdin) cannot be combined with other paths")
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    from shapelint.discover import discover

    files = discover(args.paths, projects, force_exclude=args.force_exclude)
    if args.show_files:
        sys.stdout.write("".join(f"{file}\n" for file in files))
        return EXIT_CLEAN
    if args.show_settings:
        shown = files[0] if files else args.paths[0]
        sys.stdout.write(show_settings(shown, projects.for_path(shown)))
        return EXIT_CLEAN
    if not files:
        out.warn(NO_FILES)
        if args.output_format not in ("text", "concise") and not args.statistics:
            out.report(render_report(args, [], {}, out.color, root=os.getcwd()))
        return EXIT_CLEAN
    diagnostics = _lint(args, files, projects, out)
    if args.add_noqa:
        return _add_noqa(diagnostics, out, started, len(files))
    sources = read_sources(diagnostics)
    if args.fix or args.diff:
        from shapelint.fix_command import run_fixes

        def relint(changed: list[str]) -> list[Diagnostic]:
            from shapelint.runner import lint_targets

            return lint_targets(_targets(args, changed, projects, {}), jobs=args.jobs)

        diagnostics, sources = run_fixes(args, diagnostics, sources, relint)
        if args.diff:
            return EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN
    out.report(render_report(args, diagnostics, sources, out.color, root=_report_root(projects)))
    out.checked(len(files), time.perf_counter() - started)
    return EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN


def _overrides(args: argparse.Namespace) -> Callable[[Config], Config]:
    """The command line's selection, validated once, applied to each project's config."""
    flags = {}
    for flag, groups in (
        ("--select", args.select),
        ("--ignore", args.ignore),
        ("--extend-select", args.extend_select),
    ):
        selectors = None if groups is None else [c for group in groups for c in group]
        unknown = check_selectors(selectors or [])
        if unknown:
            raise UsageError(f"{flag}: unknown rule code or prefix `{unknown[0]}`")
        flags[flag] = None if selectors is None else [canonical_selector(s) for s in selectors]

    def apply(config: Config) -> Config:
        return config.with_overrides(
            select=flags["--select"],
            ignore=flags["--ignore"],
            extend_select=flags["--extend-select"],
        )

    return apply


def _check_stdin(args: argparse.Namespace, projects: Projects, out: Output, started: float) -> int:
    from shapelint.api import lint_bytes

    if args.add_noqa:
        raise UsageError("--add-noqa cannot rewrite stdin")
    name = args.stdin_filename or "<stdin>"
    project = projects.for_path(args.stdin_filename or ".")
    if args.force_exclude and args.stdin_filename:
        from shapelint.discover import discover

        if not discover([args.stdin_filename], projects, force_exclude=True):
            out.checked(0, time.perf_counter() - started)
            return EXIT_CLEAN
    if args.show_settings:
        sys.stdout.write(show_settings(name, project))
        return EXIT_CLEAN
    data = sys.stdin.buffer.read()
    diagnostics = lint_bytes(data, name, project.config, root=project.root)
    from shapelint.engine import decode

    try:
        sources = {name: decode(data)}
    except (SyntaxError, UnicodeDecodeError, LookupError):
        sources = {}
    if args.fix or args.diff:
        from shapelint.fix_command import run_fixes

        diagnostics, sources = run_fixes(args, diagnostics, sources, lambda changed: [])
        return EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN
    out.report(render_report(args, diagnostics, sources, out.color, root=str(project.root)))
    out.checked(1, time.perf_counter() - started)
    return EXIT_FINDINGS if diagnostics and not args.exit_zero else EXIT_CLEAN


def _lint(
    args: argparse.Namespace, files: list[str], projects: Projects, out: Output
) -> list[Diagnostic]:
    from shapelint.runner import lint_targets

    caches: dict[int, Cache | None] = {}
    targets = _targets(args, files, projects, caches)
    with out.progress(len(targets)) as progress:
        diagnostics = lint_targets(targets, jobs=args.jobs, progress=progress)
    walked = [Path(os.path.abspath(p)) for p in args.paths if os.path.isdir(p)]
    for project in projects.every():
        cache = caches.get(id(project))
        if cache is not None and any(
            d == project.root or d in project.root.parents for d in walked
        ):
            cache.prune()  # the run saw the whole project: what it did not use is stale
    return diagnostics


def _targets(
    args: argparse.Namespace,
    files: list[str],
    projects: Projects,
    caches: dict[int, Cache | None],
) -> list[Target]:
    """Each file with its project's settings, root and cache (``caches`` is filled in)."""
    from shapelint.cache import open_cache
    from shapelint.runner import Target

    override = args.cache_dir or os.environ.get(CACHE_ENV) or None
    targets = []
    for file in files:
        project = projects.for_path(file)
        if id(project) not in caches:
            caches[id(project)] = (
                None
                if args.no_cache
                else open_cache(project.cache_location(override), project.config)
            )
        targets.append(Target(file, project.config, str(project.root), caches[id(project)]))
    return targets


def _report_root(projects: Projects) -> str:
    """Where SARIF's %SRCROOT% points: the project root, or the root all projects share."""
    roots = {str(project.root) for project in projects.every()}
    if len(roots) == 1:
        return roots.pop()
    return os.path.commonpath(sorted(roots)) if roots else os.getcwd()


def _add_noqa(diagnostics: list[Diagnostic], out: Output, started: float, count: int) -> int:
    from shapelint.engine import decode
    from shapelint.notebook import is_notebook
    from shapelint.notebook_noqa import add_noqa_to_notebook
    from shapelint.suppression import add_noqa

    by_file: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        by_file.setdefault(diag.path, []).append(diag)
    added = skipped = 0
    for path, found in sorted(by_file.items()):
        try:
            data = Path(path).read_bytes()
            text = decode(data)
            encoding = _encoding(data)
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
            skipped += len(found)
            continue
        if is_notebook(path):
            new_text, written, missed = add_noqa_to_notebook(text, found)
        else:
            new_text, written, missed = add_noqa(text, found)
        skipped += missed
        if written:
            prefix = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
            Path(path).write_bytes(prefix + new_text.encode(encoding))
            added += written
    out.note(f"Added {added} noqa directive{'' if added == 1 else 's'}.")
    if skipped:
        out.note(f"{skipped} finding{'' if skipped == 1 else 's'} could not take a noqa comment.")
    out.checked(count, time.perf_counter() - started)
    return EXIT_CLEAN


def _encoding(data: bytes) -> str:
    import io
    import tokenize

    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return "utf-8" if encoding == "utf-8-sig" else encoding


def show_settings(path: str, project: Project) -> str:
    """The effective settings for one file, and the config file they come from."""
    import dataclasses
    import json

    source = str(project.config_file) if project.config_file else "(none: the defaults)"
    lines = [
        f"Resolved settings for: {os.path.abspath(path)}",
        f"Settings path: {source}",
        f"Project root: {project.root}",
        "",
    ]
    for field in dataclasses.fields(Config):
        value = getattr(project.config, field.name)
        if field.name == "per_file_ignores":
            value = {pattern: list(codes) for pattern, codes in value}
        elif isinstance(value, tuple):
            value = list(value)
        lines.append(f"{field.name.replace('_', '-')} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"
