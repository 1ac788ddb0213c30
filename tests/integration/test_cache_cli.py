"""The cache through the CLI (issue 14, item 10): the unfiltered analysis is cached, so a new
``--select`` is a warm run (libcst never imported); unused entries are pruned after a run
over the whole project; ``shapelint clean``, ``--cache-dir`` and ``SHAPELINT_CACHE_DIR``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import cli
from tests.integration.clitools import imported

SOURCE = (
    "import numpy as np\n"
    "c = np.zeros((3, 4)) @ np.zeros((5, 6))\n"
    "d = np.random.rand(3, 1) * np.random.rand(1, 4)\n"
)


def shapelint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The CLI with ``-X importtime``: stderr lists every module the run imported."""
    variables = {k: v for k, v in os.environ.items() if k != "SHAPELINT_CACHE_DIR"}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shapelint", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**variables, **env},
    )


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.shapelint]\n")
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(SOURCE)
    return tmp_path


def test_a_new_selection_is_a_warm_run(project: Path) -> None:
    cold = shapelint(project, "--output-format", "concise", ".")
    assert imported(cold, "libcst") and cold.returncode == 1
    for select, codes in (("SHP002", {"SHP002"}), ("SHP001", {"SHP001"}), ("SHP9", set())):
        warm = shapelint(project, "--output-format", "concise", "--select", select, ".")
        assert not imported(warm, "libcst"), select
        found = {line.split(" ")[1] for line in warm.stdout.splitlines()[:-1]}
        assert found == codes
    ignored = shapelint(project, "--ignore", "SHP001", "--output-format", "json", ".")
    assert not imported(ignored, "libcst") and '"SHP001"' not in ignored.stdout


def test_entries_no_run_used_are_pruned_after_a_whole_project_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(project)
    cache = project / ".shapelint_cache"
    assert cli.main(["check", "."]) == 1
    assert len(entries(cache)) == 2
    (project / "a.py").write_text(SOURCE + "e = 1\n")  # supersedes a.py's entry
    assert cli.main(["check", "a.py"]) == 1
    assert len(entries(cache)) == 2
    (project / "b.py").unlink()
    assert cli.main(["check", "a.py"]) == 1  # a partial run never prunes the others
    assert len(entries(cache)) == 2
    assert cli.main(["check", "."]) == 1  # the whole project: b.py's entry is stale
    assert len(entries(cache)) == 1
    capsys.readouterr()


def test_clean_removes_the_caches_under_the_cwd(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    inner = project / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.shapelint]\n")
    (inner / "c.py").write_text(SOURCE)
    keep = project / "other" / ".shapelint_cache"  # not made by shapelint: left alone
    keep.mkdir(parents=True)
    monkeypatch.chdir(project)
    assert cli.main(["check", "."]) == 1
    assert (project / ".shapelint_cache").is_dir() and (inner / ".shapelint_cache").is_dir()
    capsys.readouterr()
    assert cli.main(["clean"]) == 0
    err = capsys.readouterr().err
    assert not (project / ".shapelint_cache").exists()
    assert not (inner / ".shapelint_cache").exists()
    assert keep.is_dir()
    assert "Removing cache at: .shapelint_cache\n" in err


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_cache_dir_moves_the_cache(project: Path, tmp_path_factory, how: str) -> None:
    elsewhere = tmp_path_factory.mktemp("caches")
    if how == "flag":
        first = shapelint(project, "--cache-dir", str(elsewhere), ".")
        second = shapelint(project, "--cache-dir", str(elsewhere), "--select", "SHP002", ".")
    else:
        first = shapelint(project, ".", SHAPELINT_CACHE_DIR=str(elsewhere))
        second = shapelint(project, "--select", "SHP002", ".", SHAPELINT_CACHE_DIR=str(elsewhere))
    assert first.returncode == second.returncode == 1
    assert not (project / ".shapelint_cache").exists()
    assert len(entries(elsewhere)) == 2
    assert not imported(second, "libcst")  # the second run read the moved cache
    cleaned = subprocess.run(
        [sys.executable, "-m", "shapelint", "clean", "--cache-dir", str(elsewhere)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert cleaned.returncode == 0 and entries(elsewhere) == []
    assert elsewhere.is_dir()  # only what shapelint made in it is removed
