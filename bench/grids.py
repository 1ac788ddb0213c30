"""The one-off large framework-grid run: fresh random cases per op, judged by the real frameworks.

CI replays the committed grids (2,000 cases per op, ``tests/data/grids/``); this draws
another seed's cases, by default 20,000 per op and framework, runs each on the real
framework and compares it with the core at once (``scripts/record_frameworks.py --grids
--check``), then prints one row per op: cases, wrong answers (a shape or an error the
framework does not give) and undecided ones (a less known, sound shape). Exit status 1 when
any answer is wrong. Needs an interpreter with the frameworks (``--python``); nothing is
written. Not part of CI: it takes tens of minutes.

Usage: ``python bench/grids.py --python /work/fwvenv/bin/python [--size N] [framework ...]``
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDER = HERE.parent / "scripts" / "record_frameworks.py"
ROW = re.compile(r"^CHECK (\S+) (\S+) cases=(\d+) wrong=(\d+) undecided=(\d+)$")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("frameworks", nargs="*", help="default: every framework of the recorder")
    parser.add_argument("--python", default=sys.executable, help="an interpreter with them")
    parser.add_argument("--size", type=int, default=20000, help="cases per op and framework")
    parser.add_argument("--examples", action="store_true", help="print the recorder's examples")
    args = parser.parse_args(argv)
    command = [args.python, str(RECORDER), "--grids", *args.frameworks, "--size", str(args.size)]
    start = time.monotonic()
    done = subprocess.run([*command, "--check"], capture_output=True, text=True, check=False)
    rows = []
    for line in done.stdout.splitlines():
        match = ROW.match(line)
        if match:
            framework, op, cases, wrong, undecided = match.groups()
            rows.append((framework, op, int(cases), int(wrong), int(undecided)))
        elif args.examples or not line.startswith("    "):
            print(line)
    width = max((len(f"{f} {o}") for f, o, *_ in rows), default=10)
    print(f"{'op'.ljust(width)}  {'cases':>7}  {'wrong':>5}  {'undecided':>9}")
    for framework, op, cases, wrong, undecided in rows:
        print(f"{f'{framework} {op}'.ljust(width)}  {cases:>7}  {wrong:>5}  {undecided:>9}")
    cases = sum(r[2] for r in rows)
    wrong = sum(r[3] for r in rows)
    undecided = sum(r[4] for r in rows)
    frameworks = len({r[0] for r in rows})
    print(
        f"{len(rows)} ops over {frameworks} frameworks, {cases} cases: {wrong} wrong, "
        f"{undecided} undecided ({time.monotonic() - start:.0f} s)"
    )
    if done.returncode:
        print(f"recorder exit status {done.returncode}", file=sys.stderr)
    return 1 if wrong or done.returncode or not rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
