"""Progress and summary (issue 14, item 8): a bar on stderr only when it is a terminal, outside
CI and for a long run; ``Checked N files in T s``; an empty run warns and exits 0; ``-q`` keeps
the findings only and ``--silent`` prints nothing."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import cli
from tests.integration.clitools import CHECKED

BLOCK = """
def block_{i}(x):
    w = np.zeros((3, 4))
    y = np.ones((4, {i} + 2))
    return (w @ y).sum() + x
"""
MISMATCH = "import numpy as np\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n"


def slow_tree(root: Path, files: int = 8, blocks: int = 60) -> Path:
    for n in range(files):
        body = "".join(BLOCK.format(i=i) for i in range(blocks))
        (root / f"m{n}.py").write_text("import numpy as np\n" + body)
    return root


def run_on_a_terminal(cwd: Path, env: dict[str, str]) -> tuple[int, str, bytes]:
    """The CLI with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "shapelint", "check", "-j", "1", "--no-cache", "."],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out = process.stdout.read().decode() if process.stdout else ""
    process.wait()
    os.close(master)
    return process.returncode, out, seen


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    return {**env, **extra}


def test_a_long_run_draws_progress_on_a_terminal_only(tmp_path: Path) -> None:
    slow_tree(tmp_path)
    code, out, terminal = run_on_a_terminal(tmp_path, clean_env())
    assert code == 0 and "/8 files" not in out  # stdout holds the report only
    text = terminal.decode()
    assert re.search(r"\r\[[#-]{30}\] \d/8 files", text), text
    assert "\r\x1b[K" in text  # the bar is erased before the summary
    assert re.search(r"Checked 8 files in \d+\.\d\d s", text)


def test_no_progress_in_ci_or_on_a_pipe(tmp_path: Path) -> None:
    slow_tree(tmp_path)
    _, _, terminal = run_on_a_terminal(tmp_path, clean_env(CI="true"))
    assert "files\r" not in terminal.decode() and "[#" not in terminal.decode()
    piped = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "-j", "1", "--no-cache", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(),
    )
    assert CHECKED.fullmatch(piped.stderr), piped.stderr
    assert piped.stdout == "All checks passed!\n"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "m.py").write_text(MISMATCH)
    (tmp_path / "ok.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_summary_counts_files_and_time(project: Path, capsys) -> None:
    assert cli.main(["check", "--output-format", "concise", "."]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "Found 1 finding."
    assert re.fullmatch(r"Checked 2 files in \d+\.\d\d s\n", err)


def test_an_empty_run_warns_and_exits_0(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "notes.txt").write_text("no python here\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "."]) == 0
    assert capsys.readouterr() == (
        "",
        "shapelint: warning: no Python files or notebooks found under the given paths\n",
    )
    assert cli.main(["check", "--output-format", "json", "."]) == 0
    assert capsys.readouterr().out == "[]\n"  # machine formats still get a valid document


def test_quiet_prints_the_findings_only(project: Path, capsys) -> None:
    assert cli.main(["check", "-q", "--output-format", "concise", "."]) == 1
    out, err = capsys.readouterr()
    assert (out.splitlines(), err) == (
        ["m.py:2:5: SHP001 `@`: inner dimensions differ: (3, 4) @ (5, 6)"],
        "",
    )
    (project / "m.py").write_text("x = 2\n")
    assert cli.main(["check", "--quiet", "."]) == 0
    assert capsys.readouterr() == ("", "")


def test_silent_prints_nothing_and_the_exit_code_tells(project: Path, capsys) -> None:
    assert cli.main(["check", "--silent", "."]) == 1
    assert capsys.readouterr() == ("", "")
    assert cli.main(["check", "-s", "--output-format", "json", "."]) == 1
    assert capsys.readouterr() == ("", "")
    assert cli.main(["check", "--silent", "--select", "SHP999", "."]) == 2  # errors still print
    assert "SHP999" in capsys.readouterr().err
