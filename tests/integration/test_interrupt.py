"""Ctrl-C (issue 14, item 7): a real SIGINT to the process group of a running
``python -m shapelint check``, as a terminal sends it, in one process and with a pool. The run
exits 130 with at most one line on stderr, no traceback and no core dump, and the cache it
leaves gives the same findings as an uncached run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FILES, BLOCKS = 10, 60  # above the pool threshold (100 kB), a few seconds of analysis
BLOCK = """
def block_{i}(x):
    w = np.zeros((3, 4))
    y = np.ones((4, {i} + 2))
    z = w @ y
    bad = np.zeros(({i} + 1, 7)) @ np.zeros((8, 2))
    return z.sum() + x + bad.sum()
"""


def make_tree(root: Path, files: int, blocks: int) -> Path:
    tree = root / "proj"
    tree.mkdir()
    (tree / "pyproject.toml").write_text("[tool.shapelint]\n")
    for n in range(files):
        body = "".join(BLOCK.format(i=i) for i in range(blocks))
        (tree / f"m{n:03}.py").write_text("import numpy as np\n" + body)
    return tree


def shapelint(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--output-format", "concise", *args, "."],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line_and_leaves_a_sound_cache(tmp_path: Path, jobs: str) -> None:
    tree = make_tree(tmp_path, files=FILES, blocks=BLOCKS)
    victim = subprocess.Popen(
        [sys.executable, "-m", "shapelint", "check", "-j", jobs, "."],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    entries = tree / ".shapelint_cache" / "entries"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(entries.rglob("*.json"))) < 2:
        time.sleep(0.01)  # wait until the analysis is well under way
    assert victim.poll() is None, "the run ended before it could be interrupted"
    os.killpg(victim.pid, signal.SIGINT)
    out, err = victim.communicate(timeout=120)
    assert victim.returncode == 130, (victim.returncode, err)
    assert "Traceback" not in err and "core dumped" not in err
    assert err.splitlines() in ([], ["shapelint: interrupted"])
    assert out == ""
    written = len(list(entries.rglob("*.json")))
    assert 2 <= written < FILES, "the run was not interrupted midway"
    uncached = shapelint(tree, "--no-cache")
    resumed = shapelint(tree)
    assert resumed.stdout == uncached.stdout and uncached.returncode == 1
    assert uncached.stdout.count(" SHP001 ") == FILES * BLOCKS
