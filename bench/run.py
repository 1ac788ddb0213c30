"""Time shapelint beside flake8 and the libcst parse floor on the pinned corpus, in one run.

Why every figure comes from one run: the machine's speed drifts, so only ratios of workloads
timed side by side mean something. Every workload is a fresh process (interpreter start and
imports included, as a user pays them); the table gives the median wall time of N runs, the
peak RSS of the largest single process (``wait4``'s ``ru_maxrss``: the per-worker peak in a
pool) and the peak of the whole process tree (summed RSS, sampled every 20 ms).

Usage: ``python bench/corpus.py`` once, then ``python bench/run.py [--runs N] [--jobs J]
[--profile]``. flake8 runs with its default checks and without the shapelint plugin; the row
"flake8 + shapelint plugin" runs it with the plugin, when the plugin is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DRIVE = str(HERE / "drive.py")
PY = sys.executable
ENV = dict(os.environ)  # main() points PYTHONPATH at a frozen copy of the package


def freeze_package(work: str) -> str:
    """Copy shapelint's sources for the whole run: every workload runs the same code, and the
    cache (whose key covers shapelint's sources) stays valid while the checkout is edited."""
    target = Path(work) / "src"
    shutil.copytree(HERE.parent / "shapelint", target / "shapelint",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    ENV["PYTHONPATH"] = str(target)
    return str(target)


# flake8 without the shapelint plugin: hide shapelint's distribution from flake8's plugin finder.
FLAKE8_PLAIN = (
    "import importlib.metadata as m, sys; real = m.distributions; "
    "m.distributions = lambda **k: (d for d in real(**k) if d.metadata['Name'] != 'shapelint'); "
    "from flake8.main.cli import main; sys.exit(main())"
)
FLAKE8_WITH_PLUGIN = "import sys; from flake8.main.cli import main; sys.exit(main())"
# the plugin with an empty content cache of its own, so every run of the cold row is cold
FLAKE8_PLUGIN_COLD = (
    "import os, sys, tempfile; os.environ['SHAPELINT_CACHE_DIR'] = tempfile.mkdtemp(); "
    + FLAKE8_WITH_PLUGIN
)
PLUGIN_CACHE = "SHAPELINT_CACHE_DIR"  # where the plugin (and the CLI) keep the content cache


@dataclass
class Sample:
    wall: float
    cpu: float  # user + system seconds of the whole tree
    max_process_kib: int  # the largest single process of the tree
    tree_kib: int  # the whole tree at its sampled peak
    printed: str  # the workload's stdout


@dataclass
class Row:
    name: str
    samples: list[Sample]

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def work(self) -> float:
        """The median of the seconds the workload itself printed."""
        return statistics.median(float(s.printed) for s in self.samples)

    @property
    def process_mib(self) -> float:
        return max(s.max_process_kib for s in self.samples) / 1024

    @property
    def tree_mib(self) -> float:
        return max(s.tree_kib for s in self.samples) / 1024


def corpus_files(package: str | None = None) -> list[str]:
    roots = [CORPUS / package] if package else sorted(p for p in CORPUS.iterdir() if p.is_dir()
                                                       and not p.name.startswith("."))  # fmt: skip
    return sorted(str(p) for root in roots for p in root.rglob("*.py"))


def _tree_rss_kib(root: int) -> int:
    """Summed VmRSS of ``root`` and all its descendants, from /proc."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: Sequence[str], cwd: str | None = None) -> Sample:
    """Run one command to completion; its wall time and peak memory."""
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, env=ENV)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stdout is not None
    printed = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    failure = errors.read()
    errors.close()
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command[:4])}... failed ({process.returncode}):\n{failure.decode()}"
        )
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss, peak[0], printed.decode().strip())


def timed(name: str, command: Sequence[str], runs: int, cwd: str | None = None) -> Row:
    samples = [measure(command, cwd) for _ in range(runs)]
    row = Row(name, samples)
    print(f"  {name}: {row.wall:.2f} s wall, {row.cpu:.2f} s CPU", file=sys.stderr, flush=True)
    return row


def _listing(files: Sequence[str], directory: str, name: str) -> str:
    path = Path(directory) / name
    path.write_text("\n".join(files) + "\n")
    return str(path)


def _plugin_caches() -> bool:
    """Whether the installed plugin keeps a content cache (``SHAPELINT_CACHE_DIR``)."""
    check = "import shapelint.flake8_plugin as p; assert getattr(p, 'CACHE_ENV', None)"
    return subprocess.run([PY, "-c", check], capture_output=True, env=ENV).returncode == 0


def _plugin_installed() -> bool:
    check = (
        "import importlib.metadata as m; m.distribution('shapelint'); "
        "import shapelint.flake8_plugin"
    )
    return subprocess.run([PY, "-c", check], capture_output=True, env=ENV).returncode == 0


def subset_table(name: str, files: list[str], runs: int, jobs: int, work: str) -> list[str]:
    """shapelint cold beside flake8 and B on one package alone (the issue's second sample)."""
    listing = _listing(files, work, f"{name}.txt")
    flake8_args = ["-j", str(jobs), "--output-file", os.devnull, *files]
    rows = {
        "cold": timed(f"{name}: shapelint cold, {jobs} processes",
                      [PY, DRIVE, "shapelint", listing, str(jobs)], runs),
        "flake8": timed(f"{name}: flake8 default checks, {jobs} processes",
                        [PY, "-c", FLAKE8_PLAIN, *flake8_args], runs),
        "B": timed(f"{name}: B, libcst.parse_module, {jobs} processes",
                   [PY, DRIVE, "libcst", listing, str(jobs)], runs),
    }  # fmt: skip
    lines = [f"{name} alone: {len(files)} files", "", "| workload | median wall (s) | CPU (s) |",
             "|---|---:|---:|"]  # fmt: skip
    lines += [f"| {row.name} | {row.wall:.2f} | {row.cpu:.2f} |" for row in rows.values()]
    lines += ["", "| ratio | wall | CPU | target |", "|---|---:|---:|---:|"]
    for label, other, target in (("B", "B", "<= 1.0"), ("flake8", "flake8", "<= 0.6")):
        wall = rows["cold"].wall / rows[other].wall
        cpu = rows["cold"].cpu / rows[other].cpu
        lines.append(f"| {name}: shapelint cold / {label} | {wall:.2f} | {cpu:.2f} | {target} |")
    return lines


def speed_table(files: list[str], runs: int, jobs: int, work: str) -> list[str]:
    everything = _listing(files, work, "all.txt")
    transformers = _listing(corpus_files("transformers"), work, "transformers.txt")  # if fetched
    sizes = sorted(files, key=lambda f: Path(f).stat().st_size)
    average = sizes[len(sizes) // 2]
    cache = str(Path(work) / ".shapelint_cache")
    rows: dict[str, Row] = {}
    rows["cold"] = timed(
        f"shapelint cold, {jobs} processes", [PY, DRIVE, "shapelint", everything, str(jobs)], runs
    )
    rows["cold1"] = timed(
        "shapelint cold, 1 process", [PY, DRIVE, "shapelint", everything, "1"], runs
    )
    measure([PY, DRIVE, "shapelint", everything, str(jobs), cache])  # fill the cache
    rows["warm"] = timed(
        "shapelint warm (all cached)", [PY, DRIVE, "shapelint", everything, str(jobs), cache], runs
    )
    if set(corpus_files("transformers")) <= set(files):  # the target is on the whole package
        rows["warm_tf"] = timed(
            "shapelint warm, transformers only",
            [PY, DRIVE, "shapelint", transformers, str(jobs), cache],
            runs,
        )
    one = Path(average)
    rows["one"] = timed(
        f"shapelint CLI, one median file ({one.stat().st_size // 1024} KiB, --no-cache)",
        [PY, "-m", "shapelint", "check", "--no-cache", "--exit-zero", average], runs, cwd=work,
    )  # fmt: skip
    flake8_args = ["-j", str(jobs), "--output-file", os.devnull, *files]
    rows["flake8"] = timed(
        f"flake8 default checks, {jobs} processes", [PY, "-c", FLAKE8_PLAIN, *flake8_args], runs
    )
    if _plugin_installed():
        rows["plugin"] = timed(
            f"flake8 + shapelint plugin, {jobs} processes (empty cache)",
            [PY, "-c", FLAKE8_PLUGIN_COLD, *flake8_args],
            runs,
        )
    if _plugin_installed() and _plugin_caches():
        ENV[PLUGIN_CACHE] = str(Path(work) / "plugin-cache")
        measure([PY, "-c", FLAKE8_WITH_PLUGIN, *flake8_args])  # fill the plugin's cache
        rows["plugin_warm"] = timed(
            f"flake8 + shapelint plugin, {jobs} processes (cache filled)",
            [PY, "-c", FLAKE8_WITH_PLUGIN, *flake8_args],
            runs,
        )
        del ENV[PLUGIN_CACHE]
    rows["B"] = timed(
        f"B: libcst.parse_module, {jobs} processes",
        [PY, DRIVE, "libcst", everything, str(jobs)],
        runs,
    )
    rows["ast"] = timed(
        f"ast.parse, {jobs} processes", [PY, DRIVE, "ast", everything, str(jobs)], runs
    )

    lines = ["| workload | median wall (s) | x B | CPU (s) | CPU x B "
             "| peak RSS, largest process (MiB) | peak RSS, tree (MiB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    base, base_cpu = rows["B"].wall, rows["B"].cpu
    for row in rows.values():
        lines.append(
            f"| {row.name} | {row.wall:.2f} | {row.wall / base:.2f} | {row.cpu:.2f} "
            f"| {row.cpu / base_cpu:.2f} | {row.process_mib:.0f} "
            f"| {row.tree_mib:.0f} |"
        )

    def ratio(name: str, a: str, b: str, target: str) -> str:
        wall, cpu = rows[a].wall / rows[b].wall, rows[a].cpu / rows[b].cpu
        return f"| {name} | {wall:.2f} | {cpu:.2f} | {target} |"

    lines += ["", "| ratio | wall | CPU | target |", "|---|---:|---:|---:|"]
    lines.append(ratio("shapelint cold / B", "cold", "B", "<= 1.0"))
    lines.append(ratio("shapelint cold / flake8", "cold", "flake8", "<= 0.6"))
    lines.append(ratio(f"1 process / {jobs} processes (speed-up)", "cold1", "cold", ">= 1.8"))
    lines.append(ratio("shapelint warm / cold", "warm", "cold", "<= 0.05"))
    if "plugin" in rows:
        lines.append(ratio("flake8 + plugin / flake8, cold", "plugin", "flake8", "<= 1.5"))
    if "plugin_warm" in rows:
        lines.append(ratio("flake8 + plugin / flake8, warm", "plugin_warm", "flake8", "<= 1.1"))
    if "warm_tf" in rows:
        lines.append(f"| warm, transformers (s) | {rows['warm_tf'].wall:.2f} "
                     f"| {rows['warm_tf'].cpu:.2f} | <= 1.0 s |")  # fmt: skip
    lines.append(f"| one median file, CLI (s) | {rows['one'].wall:.2f} "
                 f"| {rows['one'].cpu:.2f} | <= 0.3 s |")  # fmt: skip
    return lines


def synthetic_module(files: list[str], lines: int) -> str:
    """Realistic module code: whole timm files in order (``__future__`` imports dropped), the
    last one cut after the top-level statement that ends nearest ``lines``."""
    import ast

    out: list[str] = []
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        kept = [
            line
            for line in text.splitlines(keepends=True)
            if not line.startswith("from __future__")
        ]
        if kept and not kept[-1].endswith("\n"):
            kept[-1] += "\n"
        try:
            tree = ast.parse("".join(kept))
        except SyntaxError:
            continue
        room = lines - len(out)
        if len(kept) <= room:
            out.extend(kept)
            continue
        ends = [node.end_lineno or 0 for node in tree.body if (node.end_lineno or 0) <= room]
        out.extend(kept[: max(ends, default=0)])
        break
    return "".join(out)


def growth_table(runs: int, work: str) -> list[str]:
    """One file of 1k, 10k and 100k lines: CPU seconds of the work alone (every import done
    first, no time budget) and the peak RSS, for shapelint and for the libcst parse."""
    sources = [f for f in corpus_files("timm") if "/models/" in f] + corpus_files("torchvision")
    rows = ["| synthetic module | bytes | shapelint CPU (s) | RSS (MiB) "
            "| libcst parse CPU (s) | RSS (MiB) |",
            "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    cpu: dict[int, tuple[float, float]] = {}
    for size in (1_000, 10_000, 100_000):
        text = synthetic_module(sources, size)
        path = Path(work) / f"synthetic_{size}.py"
        path.write_text(text)
        listing = _listing([str(path)], work, f"synthetic_{size}.txt")
        lint = timed(f"shapelint, {size} lines", [PY, DRIVE, "inproc-lint", listing, "1"], runs)
        parse = timed(f"libcst, {size} lines", [PY, DRIVE, "inproc-parse", listing, "1"], runs)
        cpu[size] = (lint.work, parse.work)
        rows.append(
            f"| {text.count(chr(10))} lines | {len(text.encode())} | {lint.work:.2f} "
            f"| {lint.process_mib:.0f} | {parse.work:.2f} | {parse.process_mib:.0f} |"
        )
    lint_ratio = cpu[100_000][0] / cpu[1_000][0]
    parse_ratio = cpu[100_000][1] / cpu[1_000][1]
    rows += ["", f"CPU ratio 100k/1k lines: shapelint {lint_ratio:.1f} (target <= 120), "
             f"libcst parse {parse_ratio:.1f}"]  # fmt: skip
    return rows


def memory_table(files: list[str], runs: int, jobs: int, work: str) -> list[str]:
    """Per-worker peak against libcst's own parse of the largest corpus file."""
    largest = max(files, key=lambda f: Path(f).stat().st_size)
    listing = _listing([largest], work, "largest.txt")
    parse = timed("libcst parse of the largest file", [PY, DRIVE, "libcst", listing, "1"], runs)
    lint = timed("shapelint on the largest file", [PY, DRIVE, "shapelint", listing, "1"], runs)
    return [
        f"largest corpus file: {Path(largest).relative_to(CORPUS)} "
        f"({Path(largest).stat().st_size // 1024} KiB)",
        f"libcst parse alone: {parse.process_mib:.0f} MiB peak RSS; "
        f"shapelint on it: {lint.process_mib:.0f} MiB "
        f"(x {lint.process_mib / parse.process_mib:.2f}, target <= 1.0)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per workload; the median is reported"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--package", help="only this package of the corpus (a quick look)")
    parser.add_argument("--sample", type=int, default=1, help="only every K-th file (a quick look)")
    parser.add_argument(
        "--skip-speed", action="store_true", help="only the growth and memory cases"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile a serial run (cProfile)"
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit("no corpus: run `python bench/corpus.py` first")
    files = corpus_files(args.package)[:: args.sample]
    total_lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
    work = tempfile.mkdtemp(prefix="shapelint-bench-")
    try:
        freeze_package(work)
        commit = subprocess.run(["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"],
                                capture_output=True, text=True).stdout.strip()  # fmt: skip
        scope = f" (every {args.sample}th file)" if args.sample > 1 else ""
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        out = [f"corpus{scope}: {len(files)} files, {total_lines} lines; {args.runs} runs each, "
               f"{args.jobs} processes; {os.cpu_count()} CPUs; shapelint {commit or '?'}; "
               f"load average at the start {load}",
               ""]  # fmt: skip
        if not args.skip_speed:
            out += speed_table(files, args.runs, args.jobs, work) + [""]
            if not args.package:
                vision = corpus_files("torchvision")
                out += subset_table("torchvision", vision, args.runs, args.jobs, work) + [""]
        out += growth_table(args.runs, work) + [""]
        out += memory_table(files, args.runs, args.jobs, work)
        print("\n".join(out))
        if args.profile:
            sample = _listing(files[::10], work, "profile.txt")
            subprocess.run([PY, DRIVE, "profile", sample, "1"], check=True, env=ENV)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
