"""The content cache: right keys, atomic entries, bad entries ignored, warm runs without libcst.

Runs that must be separate processes (a warm run's imports, two concurrent runs, a run killed
midway) are real subprocesses; their findings are compared byte for byte with an uncached run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import shapelint
from shapelint.cache import CACHE_DIR_NAME, Cache, open_cache, salt
from shapelint.config import Config
from shapelint.diagnostics import CellLocation, Diagnostic, Position, Related, Severity
from shapelint.runner import lint_paths

ROOT = str(Path(shapelint.__file__).resolve().parent.parent)

SCRIPT = """
import json, sys
from shapelint.config import Config
from shapelint.runner import lint_paths
files = json.load(open(sys.argv[1]))
cache = None if sys.argv[2] == "-" else sys.argv[2]
out = lint_paths(files, Config(), jobs=int(sys.argv[3]), cache_dir=cache)
rows = [[d.path, d.start.line, d.start.column, d.end.line, d.end.column, d.code, d.message,
         d.severity.value] for d in out]
print(json.dumps({"libcst": "libcst" in sys.modules, "rows": rows}, sort_keys=True))
"""

ARRAY_MODULE = """import numpy as np
import torch


def block_{i}(x):
    w = np.zeros((3, 4))
    y = np.ones((4, {i} + 2))
    z = w @ y
    return z.sum() + x


class Net{i}(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        return self.fc(x)
"""

DIAG = Diagnostic("a.py", Position(3, 5), Position(3, 9), "SHP001", "inner 4 vs 5", Severity.ERROR)


def _corpus(tmp_path: Path, count: int, repeat: int = 1) -> list[str]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    files = []
    for i in range(count):
        path = src / f"m{i:03d}.py"
        body = "\n".join(ARRAY_MODULE.replace("{i}", str(i * 100 + r)) for r in range(repeat))
        path.write_text(body if i % 7 else body + "\nbroken = (\n")
        files.append(str(path))
    (src / "plain.py").write_text("import os\n")
    files.append(str(src / "plain.py"))
    return files


def _launch(tmp_path: Path, files: list[str], cache: str, jobs: int = 2) -> subprocess.Popen[str]:
    listing = tmp_path / f"files-{time.monotonic_ns()}.json"
    listing.write_text(json.dumps(files))
    env = {**os.environ, "PYTHONPATH": ROOT}
    command = [sys.executable, "-c", SCRIPT, str(listing), cache, str(jobs)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def _result(process: subprocess.Popen[str]) -> dict[str, object]:
    stdout, _ = process.communicate(timeout=300)
    assert process.returncode == 0
    result: dict[str, object] = json.loads(stdout)
    return result


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "entries").rglob("*.json"))


def test_open_creates_the_directory_with_a_gitignore(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / CACHE_DIR_NAME, Config())
    assert cache is not None
    assert cache.root == tmp_path / CACHE_DIR_NAME
    lines = (tmp_path / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()
    assert lines[-1] == "*"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    cache.store("a.py", b"x", [DIAG])
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=tmp_path, check=True, capture_output=True, text=True)  # fmt: skip
    assert status.stdout == ""


def test_an_unwritable_cache_directory_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert open_cache(blocker, Config()) is None
    target = tmp_path / "t.py"
    target.write_text("import numpy\nx = (\n")
    out = lint_paths([str(target)], Config(), cache_dir=str(blocker))
    assert [d.code for d in out] == ["SHP900"]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "salt")
    cache.store("a.py", b"x = 1\n", [DIAG])
    assert cache.load("a.py", b"x = 1\n") == [DIAG]
    cache.store("b.py", b"", [])
    assert cache.load("b.py", b"") == []
    assert cache.load("c.py", b"") is None
    assert not list(tmp_path.rglob(".tmp-*"))


def test_round_trip_keeps_related_places_and_cells(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "salt")
    related = (
        Related(Position(6, 5), Position(6, 46), "the shapes come from this call of `f`"),
        Related(Position(2, 1), Position(2, 9), "the shapes come from this call of `g`", 3),
    )
    where = CellLocation(1, Position(9, 7), Position(9, 12))
    placed = replace(DIAG, path="nb.ipynb", cell=where, related=related)
    cache.store("nb.ipynb", b"{}", [placed])
    assert cache.load("nb.ipynb", b"{}") == [placed]


def test_key_covers_content_path_config_and_version(tmp_path: Path) -> None:
    base = Cache(tmp_path, salt(Config()))
    key = base.key("a.py", b"x")
    assert base.key("a.py", b"x") == key
    assert base.key("a.py", b"y") != key
    assert base.key("b.py", b"x") != key
    # the selection applies to the cached analysis: it is not part of the key
    assert Cache(tmp_path, salt(Config(ignore=("SHP006",)))).key("a.py", b"x") == key
    assert Cache(tmp_path, salt(Config(select=("SHP001",)))).key("a.py", b"x") == key
    assert Cache(tmp_path, salt(Config(prefilter=False))).key("a.py", b"x") != key
    assert Cache(tmp_path, salt(Config(time_budget=5))).key("a.py", b"x") != key
    assert shapelint.__version__ in salt(Config())


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe garbage",
        b"[]",
        b'{"format": 1, "key": "other", "diagnostics": []}',
        b'{"format": 99, "key": "KEY", "diagnostics": []}',
        b'{"format": 1, "key": "KEY"}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[1, 1, 1, 2, "SHP001", "m"]]}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[1, "1", 1, 2, "SHP001", "m", "error"]]}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[1, 1, 1, 2, "SHP001", "m", "fatal"]]}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[-1, 1, 1, 2, "SHP001", "m", "error"]]}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[1, 1, 1, 2, 7, "m", "error"]]}',
        b'{"format": 1, "key": "KEY", "diagnostics": [[true, 1, 1, 2, "SHP001", "m", "error"]]}',
        b'{"format": 3, "key": "KEY", "diagnostics": [[1, 1, 1, 2, "SHP001", "m", "error", '
        b'{"related": [[1, 1, 1, "2", "m", null]]}]]}',
        b'{"format": 3, "key": "KEY", "diagnostics": [[1, 1, 1, 2, "SHP001", "m", "error", '
        b'{"related": {"message": "m"}}]]}',
    ],
)
def test_a_bad_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    cache = Cache(tmp_path, "salt")
    cache.store("a.py", b"x", [DIAG])
    (entry,) = tmp_path.rglob("*.json")
    key = entry.stem
    entry.write_bytes(damage.replace(b"KEY", key.encode()))
    assert cache.load("a.py", b"x") is None


def test_a_foreign_entry_under_my_name_is_a_miss(tmp_path: Path) -> None:
    """An entry copied over another key's file holds the wrong key inside: not trusted."""
    cache = Cache(tmp_path, "salt")
    cache.store("a.py", b"x", [DIAG])
    (entry_x,) = tmp_path.rglob("*.json")
    foreign = entry_x.read_bytes()
    cache.store("a.py", b"y", [])
    (entry_y,) = tmp_path.rglob("*.json")  # the new version superseded the old one
    assert entry_y.stem == cache.key("a.py", b"y") and not entry_x.exists()
    entry_y.write_bytes(foreign)
    assert cache.load("a.py", b"y") is None


def test_a_changed_file_is_analysed_again(tmp_path: Path) -> None:
    target = tmp_path / "t.py"
    target.write_text("import numpy\nx = (\n")
    first = lint_paths([str(target)], Config(), cache_dir=str(tmp_path / CACHE_DIR_NAME))
    target.write_text("import numpy\n\n\nx = (\n")
    second = lint_paths([str(target)], Config(), cache_dir=str(tmp_path / CACHE_DIR_NAME))
    assert [d.start.line for d in first] == [2]
    assert [d.start.line for d in second] == [4]


def test_a_corrupt_entry_is_recomputed_and_repaired(tmp_path: Path) -> None:
    target = tmp_path / "t.py"
    target.write_text("import numpy\nx = (\n")
    expected = lint_paths([str(target)], Config())
    assert lint_paths([str(target)], Config(), cache_dir=str(tmp_path / CACHE_DIR_NAME)) == expected
    (entry,) = _entries(tmp_path / CACHE_DIR_NAME)
    entry.write_text('{"format": 1, "key": "forged", "diagnostics": []}')
    assert lint_paths([str(target)], Config(), cache_dir=str(tmp_path / CACHE_DIR_NAME)) == expected
    assert json.loads(entry.read_text())["key"] == entry.stem


def test_a_warm_run_reads_entries_and_never_imports_libcst(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 12)
    cache = str(tmp_path / CACHE_DIR_NAME)
    uncached = _result(_launch(tmp_path, files, "-"))
    cold = _result(_launch(tmp_path, files, cache))
    assert cold["libcst"] is True  # the cold run did parse
    warm = _result(_launch(tmp_path, files, cache))
    assert warm["libcst"] is False
    assert warm["rows"] == cold["rows"] == uncached["rows"]
    assert len(_entries(Path(cache))) == len(files)


def test_concurrent_runs_leave_a_cache_that_gives_identical_results(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 40)
    cache = str(tmp_path / CACHE_DIR_NAME)
    uncached = _result(_launch(tmp_path, files, "-"))
    first, second = _launch(tmp_path, files, cache), _launch(tmp_path, files, cache)
    assert _result(first)["rows"] == _result(second)["rows"] == uncached["rows"]
    warm = _result(_launch(tmp_path, files, cache))
    assert warm == {"libcst": False, "rows": uncached["rows"]}
    assert not list(Path(cache).rglob(".tmp-*"))


def test_a_run_killed_midway_leaves_a_cache_that_gives_identical_results(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 60, repeat=10)
    cache = tmp_path / CACHE_DIR_NAME
    uncached = _result(_launch(tmp_path, files, "-", jobs=1))
    victim = _launch(tmp_path, files, str(cache), jobs=1)
    deadline = time.monotonic() + 120
    while len(_entries(cache)) < 5 and time.monotonic() < deadline:
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    written = len(_entries(cache))
    assert 5 <= written < len(files), "the run was not killed midway"
    # what a kill can leave besides whole entries: a stray temporary file
    (_entries(cache)[0].parent / ".tmp-leftover").write_text('{"format": 1, "key"')
    again = _result(_launch(tmp_path, files, str(cache)))
    assert again["rows"] == uncached["rows"]
    warm = _result(_launch(tmp_path, files, str(cache)))
    assert warm == {"libcst": False, "rows": uncached["rows"]}


def test_a_time_budget_stop_is_not_cached(tmp_path: Path) -> None:
    """How long an analysis takes depends on the machine: such a result is never stored."""
    from shapelint.config import Config
    from shapelint.runner import lint_and_store

    source = tmp_path / "model.py"
    lines = ["import numpy as np", "x = np.zeros((3, 4))"]
    lines += [f"def f{i}(a):\n    return a @ x" for i in range(2000)]
    source.write_text("\n".join(lines) + "\n")
    config = Config(time_budget=1e-9)
    cache = open_cache(str(tmp_path / ".shapelint_cache"), config)
    assert cache is not None
    found = lint_and_store(str(source), config, cache)
    assert [d.code for d in found] == ["SHP900"] and "time budget" in found[0].message
    assert cache.load(str(source), source.read_bytes()) is None
