"""Ignore files (issue 14, item 14), as ``shapelint check --show-files`` lists them: nested
``.gitignore`` files, ``.git/info/exclude`` and git's global excludes file, read with
pathspec's git matcher, with the patterns whose corner cases a hand-written matcher gets
wrong: negation, ``**``, anchored and directory-only patterns."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from shapelint import cli


def files(tmp_path: Path, *names: str) -> None:
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")


def shown(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert cli.main(["check", "--show-files", *argv]) == 0
    return capsys.readouterr().out.splitlines()


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository as the cwd, with a home of its own (no global excludes yet)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    project = tmp_path / "repo"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    monkeypatch.chdir(project)
    return project


def test_negation_reincludes_a_file_but_not_inside_an_ignored_directory(repo: Path, capsys) -> None:
    files(repo, "gen_a.py", "gen_keep.py", "out/keep.py", "out/other.py")
    (repo / ".gitignore").write_text("gen_*.py\n!gen_keep.py\nout/\n!out/keep.py\n")
    # git cannot re-include a file whose directory is excluded
    assert shown(capsys) == ["gen_keep.py"]


def test_double_star_patterns(repo: Path, capsys) -> None:
    files(repo, "a/b/c/gen.py", "gen.py", "docs/x/y/conf.py", "docs/conf.py", "logs/a/b.py", "k.py")
    (repo / ".gitignore").write_text("**/gen.py\ndocs/**/conf.py\nlogs/**\n")
    assert shown(capsys) == ["k.py"]


def test_anchored_and_unanchored_patterns(repo: Path, capsys) -> None:
    files(repo, "top.py", "pkg/top.py", "pkg/sub/mid.py", "mid.py", "pkg/deep/sub/mid.py")
    (repo / ".gitignore").write_text("/top.py\npkg/sub/mid.py\n")
    # a leading slash or a middle slash anchors at the .gitignore's directory
    assert shown(capsys) == ["mid.py", "pkg/deep/sub/mid.py", "pkg/top.py"]


def test_directory_only_patterns_leave_files_of_that_name(repo: Path, capsys) -> None:
    files(repo, "cache/a.py", "lib/cache/b.py", "lib/cache.py")
    (repo / ".gitignore").write_text("cache/\n")
    assert shown(capsys) == ["lib/cache.py"]


def test_nested_gitignore_files_apply_below_their_directory(repo: Path, capsys) -> None:
    files(repo, "a/tmp.py", "a/b/tmp.py", "a/b/keep.py", "tmp.py", "c/tmp.py")
    (repo / "a" / ".gitignore").write_text("tmp.py\n")
    (repo / "a" / "b" / ".gitignore").write_text("!tmp.py\n")  # deeper file wins
    assert shown(capsys) == ["a/b/keep.py", "a/b/tmp.py", "c/tmp.py", "tmp.py"]
    assert shown(capsys, "a") == ["a/b/keep.py", "a/b/tmp.py"]  # walking a subfolder too


def test_info_exclude_and_the_global_excludes_file(repo: Path, tmp_path: Path, capsys) -> None:
    files(repo, "local.py", "global.py", "kept.py", "back.py")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("local.py\n")
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("global.py\nback.py\n")  # git's default
    (repo / ".gitignore").write_text("!back.py\n")  # a .gitignore outranks both
    assert shown(capsys) == ["back.py", "kept.py"]
    (home / "elsewhere").write_text("kept.py\n")
    (home / ".gitconfig").write_text(f"[core]\n\texcludesFile = {home / 'elsewhere'}\n")
    assert shown(capsys) == ["back.py", "global.py"]


def test_gitignore_counts_outside_a_repository(tmp_path: Path, monkeypatch, capsys) -> None:
    files(tmp_path, "a.py", "skip/b.py")
    (tmp_path / ".gitignore").write_text("skip/\n")
    (tmp_path / "shapelint.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    assert shown(capsys) == ["a.py"]
