"""Settings per project (issue 14, items 1 to 4): the nearest config to each file applies,
paths in it are anchored at its directory, ``--force-exclude`` holds for named files, and
SARIF URIs are relative to the project root. Whatever the working directory, the same file
gets the same verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import cli

MISMATCH = "import numpy as np\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n"
BROADCAST = "import numpy as np\nd = np.random.rand(3, 1) * np.random.rand(1, 4)\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def concise(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = cli.main(["check", "--output-format", "concise", *argv])
    out, err = capsys.readouterr()
    return code, [line for line in out.splitlines() if not line.startswith("Found ")], err


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """outer/ (no config) holding two projects with different selections."""
    write(
        tmp_path / "outer" / "strict" / "pyproject.toml", '[tool.shapelint]\nselect = ["SHP001"]\n'
    )
    write(tmp_path / "outer" / "strict" / "src" / "model.py", MISMATCH + BROADCAST)
    write(tmp_path / "outer" / "loose" / "shapelint.toml", 'ignore = ["SHP001"]\n')
    write(tmp_path / "outer" / "loose" / "model.py", MISMATCH)
    return tmp_path / "outer"


def test_each_file_gets_its_nearest_config_from_a_parent_directory(
    tree: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    code, lines, _ = concise(capsys, ".")
    assert code == 1
    # strict selects SHP001 only (so no SHP006 on line 3); loose ignores SHP001 entirely
    assert [line.split(" ", 2)[:2] for line in lines] == [["strict/src/model.py:2:5:", "SHP001"]]


def test_the_cache_is_written_next_to_each_project_root_not_the_cwd(
    tree: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    concise(capsys, ".")
    assert (tree / "strict" / ".shapelint_cache").is_dir()
    assert (tree / "loose" / ".shapelint_cache").is_dir()
    assert not (tree / ".shapelint_cache").exists()


@pytest.mark.parametrize("where", [".", "strict", "strict/src", ".."])
def test_results_do_not_depend_on_the_working_directory(tree: Path, where: str) -> None:
    target = str(tree / "strict" / "src" / "model.py")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "shapelint",
            "check",
            "--output-format",
            "json",
            "--no-cache",
            target,
        ],
        cwd=tree / where,
        capture_output=True,
        text=True,
        check=False,
    )
    records = json.loads(result.stdout)
    assert (result.returncode, [(r["code"], r["location"]["row"]) for r in records]) == (
        1,
        [("SHP001", 2)],
    )


def test_a_shapelint_toml_wins_over_a_pyproject_in_the_same_directory(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nignore = ["SHP001"]\n')
    write(tmp_path / "shapelint.toml", 'select = ["SHP001"]\n')
    write(tmp_path / "m.py", MISMATCH)
    monkeypatch.chdir(tmp_path)
    assert concise(capsys, "m.py")[:2] == (1, ["m.py:2:5: SHP001 " + _message(tmp_path)])


def _message(tmp_path: Path) -> str:
    from shapelint.api import lint_source

    (diag,) = lint_source(MISMATCH, "m.py")
    return diag.message


def test_show_settings_names_the_config_file_that_applies(
    tree: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    assert cli.main(["check", "--show-settings", "strict/src/model.py"]) == 0
    out = capsys.readouterr().out
    assert f"Settings path: {tree / 'strict' / 'pyproject.toml'}\n" in out
    assert 'select = ["SHP001"]\n' in out


# -- item 2: per-file-ignores anchored at the config's directory --------------------------------
@pytest.fixture()
def with_tests(tmp_path: Path) -> Path:
    write(
        tmp_path / "pyproject.toml",
        '[tool.shapelint.per-file-ignores]\n"tests/*" = ["SHP001"]\n"conftest.py" = ["SHP001"]\n',
    )
    write(tmp_path / "tests" / "test_a.py", MISMATCH)
    write(tmp_path / "src" / "tests" / "deep.py", MISMATCH)
    write(tmp_path / "src" / "lib" / "conftest.py", MISMATCH)
    return tmp_path


def test_per_file_ignores_hold_when_run_from_inside_the_folder(
    with_tests: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(with_tests / "tests")
    code, lines, _ = concise(capsys, ".")
    assert (code, lines) == (0, ["All checks passed!"])


def test_an_anchored_pattern_does_not_match_a_deeper_folder_of_the_same_name(
    with_tests: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(with_tests)
    code, lines, _ = concise(capsys, ".")
    # tests/test_a.py is ignored; src/tests/deep.py is not; a bare name matches anywhere
    assert (code, [line.split(":")[0] for line in lines]) == (1, ["src/tests/deep.py"])


# -- item 3: --force-exclude --------------------------------------------------------------------
def test_force_exclude_applies_the_excludes_to_named_files(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nextend-exclude = ["third_party"]\n')
    vendored = write(tmp_path / "third_party" / "lib" / "v.py", MISMATCH)
    write(tmp_path / "own.py", MISMATCH)
    monkeypatch.chdir(tmp_path / "third_party")  # the pattern is anchored at the config
    named = [str(vendored), str(tmp_path / "own.py")]
    code, lines, _ = concise(capsys, *named)
    assert (code, len(lines)) == (1, 2)  # named files are linted by default
    code, lines, _ = concise(capsys, "--force-exclude", *named)
    assert (code, [Path(line.split(":")[0]).name for line in lines]) == (1, ["own.py"])
    code, lines, err = concise(capsys, "--force-exclude", str(vendored))
    assert (code, lines) == (0, [])
    assert "no Python files or notebooks found" in err


def test_force_exclude_holds_for_stdin_with_a_filename(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nextend-exclude = ["gen"]\n')
    monkeypatch.chdir(tmp_path)
    argv = ["-", "--stdin-filename", "gen/x.py"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MISMATCH.encode())))
    assert concise(capsys, *argv)[0] == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MISMATCH.encode())))
    assert concise(capsys, "--force-exclude", *argv)[:2] == (0, [])


# -- item 4: SARIF URIs relative to the project root --------------------------------------------
def sarif_uris(capsys, *argv: str) -> tuple[list[str], str]:
    assert cli.main(["check", "--output-format", "sarif", "--no-cache", *argv]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    return uris, run["originalUriBaseIds"]["%SRCROOT%"]["uri"]


@pytest.mark.parametrize("where", ["", "pkg", "pkg/sub"])
def test_sarif_uris_are_relative_to_the_project_root_whatever_the_cwd(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.shapelint]\n")
    write(tmp_path / "pkg" / "sub" / "m.py", MISMATCH)
    monkeypatch.chdir(tmp_path / where)
    uris, base = sarif_uris(capsys, str(tmp_path / "pkg"))
    assert uris == ["pkg/sub/m.py"]
    assert base == tmp_path.as_uri() + "/"


def test_without_a_config_the_git_top_level_is_the_sarif_root(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "a" / "m.py", MISMATCH)
    monkeypatch.chdir(tmp_path / "a")
    uris, base = sarif_uris(capsys, "m.py")
    assert (uris, base) == (["a/m.py"], tmp_path.as_uri() + "/")


def test_the_hook_manifest_forces_the_excludes() -> None:
    import yaml

    repo = Path(__file__).resolve().parents[2]
    (hook,) = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text())
    assert "--force-exclude" in hook["entry"].split() + hook.get("args", [])
