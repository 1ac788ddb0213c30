"""The runner: same findings in-process and in the pool, and a dead worker costs one SHP900.

The pool tests pass their own lint function (a module-level function, so any start method
can send it to a worker): real workers really die, by ``os._exit`` and by SIGKILL.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from shapelint.config import Config
from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.runner import (
    MAX_CHUNK,
    POOL_MIN_BYTES,
    chunked,
    lint_paths,
    run,
)

BIG = POOL_MIN_BYTES  # one such file is enough to make a run use the pool


def fake_lint(path: str) -> list[Diagnostic]:
    """Two findings per file, naming the process that produced them."""
    name = Path(path).name
    if "exit" in name:
        os._exit(3)
    if "kill" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    where = Position(1, 1)
    return [
        Diagnostic(path, where, Position(1, 2), "SHP001", f"pid {os.getpid()}", Severity.ERROR),
        Diagnostic(path, Position(2, 3), Position(2, 4), "SHP006", name, Severity.WARNING),
    ]


def fake_lint_and_store(path: str, config: Config, cache: object) -> list[Diagnostic]:
    return fake_lint(path)


def _work(tmp_path: Path, names: list[str], size: int = 1000) -> list[tuple[str, int]]:
    work = []
    for name in names:
        path = tmp_path / name
        path.write_text("x = 1\n")
        work.append((str(path), size))
    return work


def _by_file(diagnostics: list[Diagnostic]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for diag in diagnostics:
        text = diag.message if diag.code != "SHP001" else "pid"
        out.setdefault(Path(diag.path).name, []).append(f"{diag.code} {text}")
    return {name: sorted(codes) for name, codes in out.items()}


def _pids(diagnostics: list[Diagnostic]) -> set[int]:
    return {int(d.message.split()[1]) for d in diagnostics if d.code == "SHP001"}


def test_small_runs_stay_in_process(tmp_path: Path) -> None:
    work = _work(tmp_path, [f"f{i}.py" for i in range(5)])
    out = run(work, fake_lint, jobs=2)
    assert _pids(out) == {os.getpid()}
    assert len(out) == 10


def test_a_single_big_file_never_pays_for_a_pool(tmp_path: Path) -> None:
    out = run(_work(tmp_path, ["only.py"], size=100 * BIG), fake_lint, jobs=2)
    assert _pids(out) == {os.getpid()}


def test_one_job_stays_in_process(tmp_path: Path) -> None:
    out = run(_work(tmp_path, [f"f{i}.py" for i in range(40)], size=BIG), fake_lint, jobs=1)
    assert _pids(out) == {os.getpid()}


def test_pool_gives_the_same_findings_as_serial(tmp_path: Path) -> None:
    work = _work(tmp_path, [f"f{i:03d}.py" for i in range(120)], size=BIG // 10)
    pooled = run(work, fake_lint, jobs=2)
    serial = run(work, fake_lint, jobs=1)
    assert len(_pids(pooled)) == 2 and os.getpid() not in _pids(pooled)
    assert _by_file(pooled) == _by_file(serial)
    assert len(_by_file(pooled)) == 120


@pytest.mark.parametrize("how, detail", [("exit", "(exit code 3)"), ("kill", "(signal 9)")])
def test_a_dead_worker_costs_one_shp900_and_nothing_else(
    tmp_path: Path, how: str, detail: str
) -> None:
    names = [f"f{i:03d}.py" for i in range(60)]
    names[17] = f"{how}_a.py"
    names[40] = f"{how}_b.py"
    out = run(_work(tmp_path, names, size=BIG // 10), fake_lint, jobs=2)
    found = _by_file(out)
    for name in names:
        if how in name:
            assert found[name] == [
                f"SHP900 analysis crashed the worker {detail}; a bug in libcst or shapelint: "
                "please report it with the file"
            ]
        else:
            assert found[name] == ["SHP001 pid", f"SHP006 {name}"]
    assert len(found) == 60
    crashes = [d for d in out if d.code == "SHP900"]
    assert [(d.start, d.end, d.severity) for d in crashes] == [
        (Position(1, 1), Position(1, 2), Severity.ERROR)
    ] * 2


def test_every_worker_dying_still_ends(tmp_path: Path) -> None:
    names = [f"exit_{i:02d}.py" for i in range(12)] + ["kept.py"]
    out = run(_work(tmp_path, names, size=BIG), fake_lint, jobs=2)
    found = _by_file(out)
    assert found["kept.py"] == ["SHP001 pid", "SHP006 kept.py"]
    assert sum(1 for d in out if d.code == "SHP900") == 12


def test_chunks_put_big_files_alone_and_first() -> None:
    work = [(f"small{i}", 10) for i in range(30)] + [("big", 1000), ("mid", 400)]
    chunks = list(chunked(work, target=300))
    assert chunks[0] == ["big"]
    assert chunks[1] == ["mid"]
    assert all(len(chunk) <= MAX_CHUNK for chunk in chunks)
    assert sorted(p for chunk in chunks for p in chunk) == sorted(p for p, _ in work)


def test_lint_paths_with_the_real_engine_sorted_and_deduplicated(tmp_path: Path) -> None:
    """Files that never reach the analysis: syntax errors, no array import, unreadable."""
    broken = tmp_path / "b.py"
    broken.write_text("import numpy as np\nx = (\n")
    plain = tmp_path / "a.py"
    plain.write_text("import os\nprint(os.sep)\n")
    missing = tmp_path / "missing.py"
    files = [str(broken), str(plain), str(missing), str(broken)]
    out = lint_paths(files, Config(), jobs=2)
    assert [(Path(d.path).name, d.code, d.start.line) for d in out] == [
        ("b.py", "SHP900", 2),
        ("missing.py", "SHP900", 1),
    ]
    assert out[1].message.startswith("file could not be read")


def test_crash_findings_follow_the_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash is an SHP900 like any other: ignoring SHP900 drops it."""
    import shapelint.runner as runner

    names = [f"f{i:02d}.py" for i in range(30)] + ["exit_me.py"]
    paths = [p for p, _ in _work(tmp_path, names)]
    for path in paths:
        Path(path).write_text("# filler\n" * (BIG // 90))

    monkeypatch.setattr(runner, "lint_and_store", fake_lint_and_store)
    kept = lint_paths(paths, Config(), jobs=2)
    assert sum(1 for d in kept if d.code == "SHP900") == 1
    ignored = lint_paths(paths, Config(ignore=("SHP900",)), jobs=2)
    assert not any(d.code == "SHP900" for d in ignored)
    assert len(ignored) == 60
