"""One timed workload, run by bench/run.py as a fresh process so that its wall time and peak
memory include the interpreter start and every import, as a user's run would.

Usage: ``python bench/drive.py MODE FILE_LIST JOBS [CACHE_DIR]`` where FILE_LIST holds one path
per line. Modes:

- ``shapelint``: the runner API (``lint_paths``), the same call the CLI makes;
- ``libcst``: the floor B, ``libcst.parse_module`` on every file in a pool of JOBS processes;
- ``ast``: ``ast.parse`` on every file in the same kind of pool, for scale;
- ``inproc-lint`` / ``inproc-parse``: after every import, the CPU seconds of analysing (no time
  budget) or only parsing the listed files in this process: the growth case, without start-up;
- ``profile``: shapelint serially in this process under cProfile; prints the top functions.

Prints one line: the number of findings (or of parsed files).
"""

from __future__ import annotations

import ast
import cProfile
import io
import pstats
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _libcst_parse(path: str) -> int:
    import libcst

    libcst.parse_module(Path(path).read_bytes())
    return 1


def _ast_parse(path: str) -> int:
    ast.parse(Path(path).read_bytes())
    return 1


def _pool(function: object, files: list[str], jobs: int) -> int:
    if jobs == 1:
        return sum(function(f) for f in files)  # type: ignore[operator]
    ordered = sorted(files, key=lambda f: -Path(f).stat().st_size)
    with ProcessPoolExecutor(jobs) as pool:
        return sum(pool.map(function, ordered, chunksize=8))  # type: ignore[arg-type]


def _shapelint(files: list[str], jobs: int, cache: str | None) -> int:
    from shapelint.config import Config
    from shapelint.runner import lint_paths

    return len(lint_paths(files, Config(), jobs=jobs, cache_dir=cache))


def _profile(files: list[str]) -> int:
    from shapelint.config import Config
    from shapelint.runner import lint_paths

    threads: list[cProfile.Profile] = []
    original = threading.Thread.run

    def profiled(self: threading.Thread) -> None:  # the engine analyses in a big-stack thread
        profile = cProfile.Profile()
        threads.append(profile)
        profile.enable()
        try:
            original(self)
        finally:
            profile.disable()

    threading.Thread.run = profiled  # type: ignore[method-assign]
    profiler = cProfile.Profile()
    profiler.enable()
    found = len(lint_paths(files, Config(), jobs=1))
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, *threads, stream=out).sort_stats(order).print_stats(30)
        print(out.getvalue(), file=sys.stderr)
    return found


def _inproc(files: list[str], lint: bool) -> float:
    """CPU seconds of the work alone, imports done beforehand."""
    import time

    import libcst

    import shapelint.analysis.interpreter  # noqa: F401
    from shapelint.config import Config
    from shapelint.engine import lint_file

    config = Config(time_budget=1e9)
    start = time.process_time()
    for path in files:
        if lint:
            lint_file(path, config)
        else:
            libcst.parse_module(Path(path).read_text(encoding="utf-8"))
    return time.process_time() - start


def main(argv: list[str]) -> int:
    mode, listing, jobs = argv[0], argv[1], int(argv[2])
    cache = argv[3] if len(argv) > 3 else None
    files = Path(listing).read_text().split("\n")
    files = [f for f in files if f]
    if mode == "shapelint":
        print(_shapelint(files, jobs, cache))
    elif mode == "libcst":
        print(_pool(_libcst_parse, files, jobs))
    elif mode == "ast":
        print(_pool(_ast_parse, files, jobs))
    elif mode in ("inproc-lint", "inproc-parse"):
        print(f"{_inproc(files, mode == 'inproc-lint'):.3f}")
    elif mode == "profile":
        print(_profile(files))
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
