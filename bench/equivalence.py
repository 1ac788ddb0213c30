"""Selective parse against whole-file parse, finding by finding, on the pinned corpus.

Why: the selective parse (``shapelint/selective.py``) is only worth having if it never changes
a finding. This lints every file twice in one process pool, once with the selection and once
with the whole file, with no time budget (a budget stop depends on the machine, not the
file), and prints every difference. It also reports how much of the source libcst was given.

Usage: ``python bench/equivalence.py [--sample K] [--jobs J] [--package NAME] [PATH ...]``;
exit status 1 when any finding differs.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

Key = tuple[int, int, int, int, str, str]


def _findings(text: str, path: str, selective: bool) -> list[Key]:
    from shapelint import engine
    from shapelint.config import Config

    engine.SELECTIVE = selective
    config = Config(time_budget=float("inf"))
    return [
        (d.start.line, d.start.column, d.end.line, d.end.column, d.code, d.message)
        for d in engine.lint_source(text, path, config)
    ]


def compare_file(path: str) -> tuple[str, list[Key], list[Key], int, int]:
    """Both modes' findings for one file, its size and the bytes the selection kept."""
    from shapelint.engine import decode
    from shapelint.prefilter import may_hold_shapes
    from shapelint.selective import select_source

    text = decode(Path(path).read_bytes())
    whole = _findings(text, path, selective=False)
    selected = _findings(text, path, selective=True)
    kept = len(text)
    if may_hold_shapes(text):
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        else:
            source = select_source(text, tree)
            kept = 0 if source is None else len(source.strip())
    else:
        kept = 0
    return path, whole, selected, len(text), kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="files to compare (default: the corpus)")
    parser.add_argument("--sample", type=int, default=1, help="only every K-th corpus file")
    parser.add_argument("--package", help="only this package of the corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if args.paths:
        files = sorted(args.paths)
    else:
        root = HERE / "corpus" / (args.package or "")
        files = sorted(str(p) for p in root.rglob("*.py"))[:: args.sample]
    ordered = sorted(files, key=lambda f: -os.path.getsize(f))
    differences = compared = total = kept = 0
    with ProcessPoolExecutor(args.jobs) as pool:
        for path, whole, selected, size, selected_size in pool.map(
            compare_file, ordered, chunksize=4
        ):
            compared += len(whole)
            total += size
            kept += selected_size
            if whole != selected:
                differences += 1
                print(f"DIFFERENT {path}\n  whole:     {whole}\n  selective: {selected}")
    print(
        f"{len(files)} files, {compared} findings (whole-file parse) compared, "
        f"{differences} files differ; libcst given {kept / max(total, 1):.1%} of the "
        f"{total:,} characters"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
