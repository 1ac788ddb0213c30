"""How much the analysis knows on the corpus: inferred shapes and findings, per package.

A modelling change can make the linter more careful (an argument it does not model now makes
a result unknown) at the price of knowing less. This counts, over the corpus files, the
tensors the interpreter binds to a name with a known rank (``shapelint shapes`` shows the
same bindings) and how many of those are fully known, beside every finding, and writes them
as JSON; ``--compare OLD NEW`` prints the difference of two such runs (the shapes lost or
gained per package, and each finding that appears or disappears).

Usage:
    python bench/inferred.py --out new.json [--sample K] [--jobs N] [--package P]
    PYTHONPATH=/path/to/other/checkout python bench/inferred.py --out old.json
    python bench/inferred.py --compare old.json new.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BUDGET = 10.0  # CPU seconds per file, as the linter's default budget


def corpus_files(sample: int, package: str | None) -> list[Path]:
    files = sorted(p for p in CORPUS.rglob("*.py") if ".wheels" not in p.parts and p.is_file())
    if package:
        files = [p for p in files if p.relative_to(CORPUS).parts[0] == package]
    return files[::sample]


def measure(path: Path) -> dict[str, Any]:
    """One file: its findings (as the CLI gives them) and its inferred bindings."""
    from shapelint.deep_run import run_deep
    from shapelint.engine import lint_source

    text = path.read_text(encoding="utf-8", errors="replace")
    findings = [f"{d.code}:{d.start.line}:{d.message}" for d in lint_source(text, str(path))]
    counted = run_deep(lambda: _bindings(text), BUDGET)
    known, concrete = counted if counted is not None else (0, 0)
    return {"findings": findings, "known": known, "concrete": concrete}


def _bindings(text: str) -> tuple[int, int]:
    from shapelint.prefilter import may_hold_shapes

    if not may_hold_shapes(text):
        return 0, 0
    import libcst

    from shapelint.analysis.interpreter import Interpreter
    from shapelint.analysis.values import Tensor

    try:
        module = libcst.parse_module(text)
        interpreter = Interpreter(module, record=True)
        interpreter.run()
    except Exception:  # noqa: BLE001 - a file the analysis cannot take counts nothing
        return 0, 0
    known = concrete = 0
    for names in interpreter.recorded.values():
        for _, value in names:
            if isinstance(value, Tensor) and value.shape.rank is not None:
                known += 1
                concrete += value.shape.is_concrete
    return known, concrete


def run(args: argparse.Namespace) -> int:
    files = corpus_files(args.sample, args.package)
    if not files:
        print(f"no corpus files under {CORPUS} (python bench/corpus.py fetches them)")
        return 2
    packages: dict[str, dict[str, Any]] = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for path, result in zip(files, pool.map(measure, files, chunksize=8), strict=True):
            package = path.relative_to(CORPUS).parts[0]
            entry = packages.setdefault(
                package, {"files": 0, "known": 0, "concrete": 0, "findings": {}}
            )
            entry["files"] += 1
            entry["known"] += result["known"]
            entry["concrete"] += result["concrete"]
            if result["findings"]:
                entry["findings"][str(path.relative_to(CORPUS))] = result["findings"]
    import shapelint

    report = {"shapelint": str(Path(shapelint.__file__).parent), "packages": packages}
    Path(args.out).write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    summary(report)
    return 0


def summary(report: dict[str, Any]) -> None:
    packages = report["packages"]
    codes: Counter[str] = Counter(
        f.split(":", 1)[0]
        for entry in packages.values()
        for found in entry["findings"].values()
        for f in found
    )
    files = sum(e["files"] for e in packages.values())
    known = sum(e["known"] for e in packages.values())
    concrete = sum(e["concrete"] for e in packages.values())
    print(
        f"{report['shapelint']}: {files} files, {known} inferred shapes of known rank "
        f"({concrete} fully known), findings {dict(sorted(codes.items()))}"
    )


def compare(old_path: str, new_path: str) -> int:
    old, new = (json.loads(Path(p).read_text()) for p in (old_path, new_path))
    summary(old)
    summary(new)
    print(f"{'package':28} {'known old':>9} {'new':>7} {'diff':>6} {'full old':>8} {'new':>7}")
    for name in sorted(set(old["packages"]) | set(new["packages"])):
        a = old["packages"].get(name, {"known": 0, "concrete": 0})
        b = new["packages"].get(name, {"known": 0, "concrete": 0})
        print(
            f"{name:28} {a['known']:>9} {b['known']:>7} {b['known'] - a['known']:>+6} "
            f"{a['concrete']:>8} {b['concrete']:>7}"
        )
    changed = 0
    for label, first, second in (("new", new, old), ("gone", old, new)):
        for name, entry in first["packages"].items():
            other = second["packages"].get(name, {"findings": {}})["findings"]
            for path, found in entry["findings"].items():
                for finding in sorted(set(found) - set(other.get(path, []))):
                    changed += 1
                    print(f"{label}: {path}: {finding}")
    print(f"{changed} findings differ")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="inferred.json")
    parser.add_argument("--sample", type=int, default=1, help="only every K-th file")
    parser.add_argument("--package", help="only this package of the corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
