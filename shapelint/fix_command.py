"""``shapelint check --fix`` and ``--diff``: the findings' fixes applied to the files.

Every shape fix is unsafe (it changes what the code computes), so both apply only safe
fixes unless ``--unsafe-fixes`` is given, as ruff does, and say how many were held back.
``--diff`` changes nothing and prints a unified diff that ``git apply`` and ``patch -p1``
accept; ``--fix`` writes the files (stdin: prints the fixed source) and reports what is left,
linting each changed file again. A notebook is edited inside the JSON strings of its cells.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from shapelint.diagnostics import Diagnostic
from shapelint.fixes import Fix, apply_fixes, unified_diff, wanted
from shapelint.notebook import is_notebook, parse
from shapelint.report.paths import display_path


def run_fixes(
    args: argparse.Namespace,
    diagnostics: list[Diagnostic],
    sources: dict[str, str],
    relint: Callable[[list[str]], list[Diagnostic]],
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Apply or show the fixes; the findings that decide the exit code, and the sources.

    With ``--diff`` those are the findings a fix was shown for; with ``--fix``, the findings
    left after fixing (``relint`` lints the changed files again, with their own settings).
    """
    unsafe = bool(args.unsafe_fixes)
    chosen = [d for d in diagnostics if wanted(d.fix, unsafe)]
    held_back = sum(1 for d in diagnostics if d.fix is not None and not wanted(d.fix, unsafe))
    fixed: dict[str, str] = {}
    applied: list[Diagnostic] = []
    for path in sorted({d.path for d in chosen}):
        mine = [d for d in chosen if d.path == path]
        text = sources.get(path)
        result = _fixed(path, text, [d.fix for d in mine if d.fix is not None])
        if result is None or text is None or result[0] == text:
            continue
        fixed[path] = result[0]
        applied.extend(d for d in mine if any(d.fix is fix for fix in result[1]))
    if args.diff:
        sys.stdout.write("".join(_diff(path, sources[path], new) for path, new in fixed.items()))
        _say(f"Would fix {_count(len(applied))}.", held_back)
        return applied, sources
    if args.paths == ["-"]:
        name = next(iter(sources), "")
        sys.stdout.write(fixed.get(name, sources.get(name, "")))
        _say(f"Fixed {_count(len(applied))}.", held_back)
        return [d for d in diagnostics if d not in applied], sources
    for path, new in fixed.items():
        Path(path).write_bytes(new.encode("utf-8"))
    _say(f"Fixed {_count(len(applied))}.", held_back)
    if not fixed:
        return diagnostics, sources
    again = relint(sorted(fixed))
    kept = [d for d in diagnostics if d.path not in fixed]
    return sorted(kept + again, key=Diagnostic.sort_key), {**sources, **fixed}


def _fixed(path: str, text: str | None, fixes: list[Fix]) -> tuple[str, list[Fix]] | None:
    """The fixed text and how many fixes went in; None when the text is not at hand."""
    if text is None:
        return None
    if not is_notebook(path):
        return apply_fixes(text, fixes)
    book = parse(text)
    if book is None:
        return None
    taken: list[Fix] = []
    for fix in fixes:  # one at a time, so a fix that cannot be made leaves the others
        if book.apply_edits([e for f in [*taken, fix] for e in f.edits]) is not None:
            taken.append(fix)
    changed = book.apply_edits([e for f in taken for e in f.edits])
    return (changed, taken) if changed is not None else None


def _diff(path: str, old: str, new: str) -> str:
    return unified_diff(display_path(path, str(Path.cwd())), old, new)


def _count(n: int) -> str:
    return f"{n} finding{'' if n == 1 else 's'}"


def _say(line: str, held_back: int) -> None:
    if held_back:
        line += (
            f" {held_back} more fix{'' if held_back == 1 else 'es'} available with --unsafe-fixes."
        )
    print(line, file=sys.stderr)
