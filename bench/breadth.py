"""How much of the pinned corpus the analysis can see: the share of array-valued expressions
whose rank, and whose whole shape, is known, per package.

Why: fresh bug reports are missed mostly because a shape is lost on the way (through a loop, a
dict, a container, a transform), not because a rule is missing. Findings alone cannot show
that loss; this figure does. An expression counts once, by its syntax node, at the best
knowledge any evaluation of it reached (a function body analysed with several argument
shapes counts once). "shape known" means a fixed rank and no unknown dim (a symbolic dim
such as ``B`` counts as known); "rank known" means the number of dims is fixed.

Usage: ``python bench/breadth.py [--jobs J] [--sample N] [--record]``. ``--sample N`` takes
every Nth file of each package (the figure for a sample is comparable only with the same
sample). The previous figures are read from ``bench/breadth.json`` and printed beside the new
ones; ``--record`` writes the new ones there.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import libcst

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CORPUS, corpus_files  # noqa: E402

from shapelint.analysis.interpreter import Interpreter  # noqa: E402
from shapelint.analysis.values import Tensor  # noqa: E402
from shapelint.deep_run import run_deep  # noqa: E402
from shapelint.prefilter import may_hold_shapes  # noqa: E402

RECORD = HERE / "breadth.json"
BUDGET = 20.0  # seconds per file, as the linter's default time budget
UNKNOWN, RANK, SHAPE = 0, 1, 2
Counts = tuple[int, int, int]  # array-valued expressions, rank known, shape known


class _Measuring(Interpreter):
    """The interpreter, noting for each expression node the best it knew of its value."""

    def __init__(self, module: libcst.Module) -> None:
        super().__init__(module)
        self.levels: dict[int, int] = {}

    def eval(self, node: libcst.BaseExpression) -> object:  # type: ignore[override]
        value = super().eval(node)
        if isinstance(value, Tensor):
            shape = value.shape
            level = UNKNOWN
            if shape.rank is not None:
                level = SHAPE if all(not d.is_unknown for d in shape.dims) else RANK
            key = id(node)
            if level > self.levels.get(key, -1):
                self.levels[key] = level
        return value


def measure_source(text: str) -> Counts:
    """The counts of one file's source; a file that cannot be analysed counts nothing."""
    if not may_hold_shapes(text):
        return (0, 0, 0)
    try:
        module = libcst.parse_module(text)
    except Exception:
        return (0, 0, 0)
    interpreter = _Measuring(module)

    def work() -> Counts:
        interpreter.run()
        levels = interpreter.levels.values()
        return (len(levels), sum(v >= RANK for v in levels), sum(v == SHAPE for v in levels))

    try:
        return run_deep(work, BUDGET) or (0, 0, 0)
    except Exception:
        return (0, 0, 0)


def _measure_file(path: str) -> Counts:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return (0, 0, 0)
    return measure_source(text)


def _total(counts: Iterable[Counts]) -> Counts:
    items = list(counts)
    return (sum(c[0] for c in items), sum(c[1] for c in items), sum(c[2] for c in items))


def measure(packages: list[str], sample: int, jobs: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for package in packages:
            files = corpus_files(package)[::sample]
            arrays, rank, shape = _total(pool.map(_measure_file, files, chunksize=4))
            figures[package] = {
                "files": len(files),
                "arrays": arrays,
                "rank_known": round(100 * rank / arrays, 1) if arrays else 0.0,
                "shape_known": round(100 * shape / arrays, 1) if arrays else 0.0,
            }
    return figures


def _row(package: str, now: dict[str, float], before: dict[str, float] | None) -> str:
    def cell(key: str) -> str:
        was = f" (was {before[key]:.1f})" if before else ""
        return f"{now[key]:5.1f}%{was}"

    count = f"{int(now['arrays']):>8}" + (f" (was {int(before['arrays'])})" if before else "")
    known = f"{cell('rank_known')}  {cell('shape_known')}"
    return f"{package:<13} {int(now['files']):>5}  {count}  {known}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--sample", type=int, default=1, help="every Nth file of each package")
    parser.add_argument("--record", action="store_true", help="write the figures to breadth.json")
    options = parser.parse_args()
    packages = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name[0] != ".")
    started = time.perf_counter()
    figures = measure(packages, options.sample, options.jobs)
    previous = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    comparable = previous.get("sample") == options.sample
    print(f"{'package':<13} {'files':>5}  {'arrays':>8}  rank known  shape known")
    for package, now in figures.items():
        before = previous.get("packages", {}).get(package) if comparable else None
        print(_row(package, now, before))
    print(f"({time.perf_counter() - started:.0f} s; sample: every {options.sample} file(s))")
    if options.record:
        RECORD.write_text(json.dumps({"sample": options.sample, "packages": figures}, indent=1))


if __name__ == "__main__":
    main()
