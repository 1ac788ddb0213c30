"""Every finding shapelint reports on the pinned corpus, grouped by code, with its source line.

Why: real, well-tested library code is the best supply of false alarms. Each finding here is
either a real bug or a false alarm to fix, and every SHP900 (a file the analysis gave up on)
is a gap to close. The report also checks, with CPython's ``ast`` as the oracle, that the
import prefilter never skipped a corpus file that imports an array library.

Usage: ``python bench/ecosystem.py [--jobs J] [--out FILE]``; the report is printed and written
to bench/corpus/ecosystem.txt (next to the corpus, not committed).
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CORPUS, corpus_files  # noqa: E402

from shapelint.config import Config  # noqa: E402
from shapelint.diagnostics import Diagnostic  # noqa: E402
from shapelint.prefilter import ARRAY_LIBRARIES, may_hold_shapes  # noqa: E402
from shapelint.runner import lint_paths  # noqa: E402


def _imports_array_library(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in ARRAY_LIBRARIES for name in names):
            return True
    return False


def prefilter_misses(files: list[str]) -> list[str]:
    """Files the prefilter would skip although they import an array library (must be none)."""
    misses = []
    for path in files:
        try:
            text = Path(path).read_text(encoding="utf-8")
            tree = ast.parse(text)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        if not may_hold_shapes(text) and _imports_array_library(tree):
            misses.append(path)
    return misses


def report(diagnostics: list[Diagnostic]) -> list[str]:
    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in diagnostics:
        by_code[diag.code].append(diag)
    lines: dict[str, list[str]] = {}
    out = []
    for code in sorted(by_code):
        found = by_code[code]
        out.append(f"== {code}: {len(found)} finding(s) in {len({d.path for d in found})} file(s)")
        for diag in found:
            if diag.path not in lines:
                try:
                    lines[diag.path] = Path(diag.path).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    lines[diag.path] = []
            source = lines[diag.path]
            text = source[diag.start.line - 1].strip() if 0 < diag.start.line <= len(source) else ""
            where = (
                Path(diag.path).relative_to(CORPUS)
                if diag.path.startswith(str(CORPUS))
                else diag.path
            )
            out.append(f"{where}:{diag.start.line}:{diag.start.column}: {diag.code} {diag.message}")
            out.append(f"    {text}")
        out.append("")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(CORPUS / "ecosystem.txt"))
    parser.add_argument("--package", help="only this package of the corpus")
    parser.add_argument("--cache", help="a cache directory to use (default: none, a cold run)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit("no corpus: run `python bench/corpus.py` first")
    files = corpus_files(args.package)
    start = time.perf_counter()
    diagnostics = lint_paths(files, Config(), jobs=args.jobs, cache_dir=args.cache)
    elapsed = time.perf_counter() - start
    misses = prefilter_misses(files)
    counts: defaultdict[str, int] = defaultdict(int)
    for diag in diagnostics:
        counts[diag.code] += 1
    summary = [
        f"corpus: {len(files)} files; {len(diagnostics)} findings in {elapsed:.1f} s "
        f"({args.jobs} processes)",
        "by code: " + (", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "none"),
        f"SHP900 (analysis failed): {counts.get('SHP900', 0)}",
        f"prefilter misses (files importing an array library that it skipped): {len(misses)}",
        *(f"    {m}" for m in misses),
        "",
    ]
    text = "\n".join(summary + report(diagnostics))
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"(written to {args.out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
