"""`[tool.shapelint]`: found upwards, validated (exit 2 naming file and key), flags on top."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shapelint import cli
from shapelint.config import Config, ConfigError, load_config, parse_table
from tests.integration.clitools import without_summary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "delivery"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURES / "syntax_error.py", tmp_path / "bad.py")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(project: Path, body: str) -> Path:
    path = project / "pyproject.toml"
    path.write_text('[project]\nname = "demo"\n\n[tool.shapelint]\n' + body)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", "--output-format", "concise", *argv])
    out, err = capsys.readouterr()
    return code, out, without_summary(err)


def test_config_ignore_applies(project: Path, capsys) -> None:
    write_config(project, 'ignore = ["SHP900"]\n')
    assert run(capsys) == (0, "All checks passed!\n", "")


def test_cli_select_overrides_the_config(project: Path, capsys) -> None:
    write_config(project, 'ignore = ["SHP900"]\n')
    assert run(capsys, "--select", "SHP900")[0] == 1


def test_cli_ignore_adds_to_the_config(project: Path, capsys) -> None:
    write_config(project, 'select = ["SHP900"]\n')
    assert run(capsys)[0] == 1
    assert run(capsys, "--ignore", "SHP9")[0] == 0


def test_per_file_ignores(project: Path, capsys) -> None:
    (project / "gen").mkdir()
    shutil.copy(FIXTURES / "syntax_error.py", project / "gen" / "bad.py")
    write_config(project, '[tool.shapelint.per-file-ignores]\n"gen/*" = ["SHP900"]\n')
    code, out, _ = run(capsys)
    assert (code, [line.split(":")[0] for line in out.splitlines()[:-1]]) == (1, ["bad.py"])


def test_extend_exclude(project: Path, capsys) -> None:
    (project / "vendored").mkdir()
    shutil.copy(FIXTURES / "syntax_error.py", project / "vendored" / "bad.py")
    write_config(project, 'extend-exclude = ["vendored", "bad.py"]\n')
    warning = "shapelint: warning: no Python files or notebooks found under the given paths\n"
    assert run(capsys) == (0, "", warning)


def test_the_nearest_pyproject_with_the_table_is_used(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(project, 'ignore = ["SHP900"]\n')
    nested = project / "pkg"
    nested.mkdir()
    (nested / "pyproject.toml").write_text('[project]\nname = "inner"\n')  # no table: skipped
    shutil.copy(FIXTURES / "syntax_error.py", nested / "bad.py")
    monkeypatch.chdir(nested)
    assert run(capsys)[0] == 0
    (project / "pyproject.toml").write_text("[tool.shapelint]\nignore = 1\n")
    code, _, err = run(capsys)
    assert (code, err.split(": [")[0]) == (2, f"shapelint: error: {project / 'pyproject.toml'}")


def test_explicit_config_file(project: Path, capsys) -> None:
    (project / "strict.toml").write_text('select = ["SHP001"]\n')
    assert run(capsys, "--config", "strict.toml")[0] == 0
    code, _, err = run(capsys, "--config", "missing.toml")
    assert (code, err) == (2, "shapelint: error: missing.toml: no such config file\n")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('selekt = ["SHP001"]\n', "unknown key `selekt`"),
        ('select = "SHP001"\n', "`select`: expected a list of strings"),
        ('ignore = ["SHP999"]\n', "`ignore`: unknown rule code or prefix `SHP999`"),
        ("extend-exclude = [1]\n", "`extend-exclude`: expected a list of strings"),
        (
            '[tool.shapelint.per-file-ignores]\n"a.py" = ["XYZ1"]\n',
            "`per-file-ignores`: `a.py`: unknown rule code or prefix `XYZ1`",
        ),
        ("time-budget = -1\n", "`time-budget`: expected a positive, finite number of seconds"),
    ],
)
def test_bad_config_exits_2_with_one_line_naming_file_and_key(
    project: Path, capsys, body: str, problem: str
) -> None:
    write_config(project, body)
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("shapelint: error: pyproject.toml: [tool.shapelint]: ")
    assert problem in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_invalid_toml_names_the_file(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text("[tool.shapelint\nselect = 1\n")
    code, _, err = run(capsys)
    assert code == 2
    assert err.startswith("shapelint: error: pyproject.toml: invalid TOML: ")
    assert err.count("\n") == 1


def test_parse_table_builds_the_config() -> None:
    config = parse_table(
        {
            "select": ["shp0"],
            "extend-select": ["SHP900"],
            "per-file-ignores": {"tests/*": ["SHP002"]},
            "exclude": ["build"],
            "time-budget": 5,
            "keras-version": 3,
        },
        "pyproject.toml: [tool.shapelint]",
    )
    assert config == Config(
        select=("SHP0",),
        extend_select=("SHP900",),
        per_file_ignores=(("tests/*", ("SHP002",)),),
        exclude=("build",),
        time_budget=5.0,
        keras_version=3,
    )


def test_with_overrides() -> None:
    base = Config(select=("SHP0",), ignore=("SHP006",), extend_select=("SHP900",))
    assert base.with_overrides(ignore=["SHP002"]) == Config(
        select=("SHP0",), ignore=("SHP006", "SHP002"), extend_select=("SHP900",)
    )
    assert base.with_overrides(select=["SHP001"]) == Config(select=("SHP001",))
    assert base.with_overrides() == base


def test_load_config_reads_a_standalone_file(tmp_path: Path) -> None:
    path = tmp_path / "shapelint.toml"
    path.write_text('ignore = ["SHP006"]\nunknown = 1\n')
    with pytest.raises(ConfigError, match=r"shapelint.toml: unknown key `unknown`"):
        load_config(path)
