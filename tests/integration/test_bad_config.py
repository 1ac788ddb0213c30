"""Every malformed ``[tool.shapelint]`` value, unknown key, unknown rule code, unreadable path
and bad flag exits 2 with one line on stderr that names the file and key (or the argument),
never a traceback, and lints nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shapelint import cli
from tests.integration.clitools import without_summary

BUGGY = "import numpy as np\n\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n"
WHERE = "pyproject.toml: [tool.shapelint]"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "buggy.py").write_text(BUGGY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, without_summary(err)


def assert_one_line_error(code: int, out: str, err: str, *named: str) -> None:
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("shapelint: error: ")
    for name in named:
        assert name in lines[0], (name, lines[0])


BUDGET = "`time-budget`: expected a positive, finite number"
KERAS = "`keras-version`: expected 2 (tf-keras, Keras 2) or 3 (Keras 3)"

# -- [tool.shapelint] ---------------------------------------------------------------------------
BAD_TABLES = {
    "unknown key": ('colour = "red"', "unknown key `colour`"),
    "select not a list": ('select = "SHP001"', "`select`: expected a list of strings"),
    "select unknown code": ('select = ["XYZ1"]', "`select`: unknown rule code or prefix `XYZ1`"),
    "ignore not strings": ("ignore = [1, 2]", "`ignore`: expected a list of strings"),
    "extend-select unknown code": (
        'extend-select = ["SHP999"]',
        "`extend-select`: unknown rule code or prefix `SHP999`",
    ),
    "per-file-ignores not a table": (
        'per-file-ignores = ["a.py"]',
        "`per-file-ignores`: expected a table",
    ),
    "per-file-ignores unknown code": (
        'per-file-ignores = {"a.py" = ["NOPE"]}',
        "`per-file-ignores`: `a.py`: unknown rule code or prefix `NOPE`",
    ),
    "per-file-ignores codes not a list": (
        'per-file-ignores = {"a.py" = "SHP001"}',
        "`per-file-ignores`: `a.py`: expected a list of strings",
    ),
    "exclude not a list": ('exclude = "build"', "`exclude`: expected a list of strings"),
    "extend-exclude not strings": ("extend-exclude = [1]", "`extend-exclude`: expected a list"),
    "prefilter not a bool": ('prefilter = "yes"', "`prefilter`: expected true or false"),
    "time-budget negative": ("time-budget = -1", BUDGET),
    "time-budget zero": ("time-budget = 0", BUDGET),
    "time-budget a string": ('time-budget = "fast"', BUDGET),
    "time-budget a bool": ("time-budget = true", BUDGET),
    "time-budget infinite": ("time-budget = inf", BUDGET),
    "time-budget nan": ("time-budget = nan", BUDGET),
    "keras-version 4": ("keras-version = 4", KERAS),
    "keras-version a string": ('keras-version = "3"', KERAS),
    "keras-version a bool": ("keras-version = true", KERAS),
}


@pytest.mark.parametrize("case", sorted(BAD_TABLES))
def test_bad_table_value(project: Path, capsys, case: str) -> None:
    line, complaint = BAD_TABLES[case]
    (project / "pyproject.toml").write_text(f"[tool.shapelint]\n{line}\n")
    assert_one_line_error(*run(capsys, "check", "--no-cache", "."), WHERE, complaint)


def test_table_that_is_not_a_table(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text("[tool]\nshapelint = 3\n")
    assert_one_line_error(*run(capsys, "check", "--no-cache", "."), WHERE, "expected a table")


def test_invalid_toml(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text("[tool.shapelint\nselect = 1\n")
    result = run(capsys, "check", "--no-cache", ".")
    assert_one_line_error(*result, "pyproject.toml: invalid TOML", "line 1, column 16")


def test_config_that_is_not_utf8(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_bytes(b'[tool.shapelint]\nselect = ["\xff"]\n')
    result = run(capsys, "check", "--no-cache", ".")
    assert_one_line_error(*result, "pyproject.toml: invalid TOML", "can't decode byte 0xff")


def test_bad_value_in_a_config_given_by_flag(project: Path, capsys) -> None:
    (project / "shapelint.toml").write_text("select = 1\n")
    result = run(capsys, "check", "--no-cache", "--config", "shapelint.toml", ".")
    assert_one_line_error(*result, "shapelint.toml: `select`: expected a list of strings")


def test_missing_config_file(project: Path, capsys) -> None:
    result = run(capsys, "check", "--no-cache", "--config", "missing.toml", ".")
    assert_one_line_error(*result, "missing.toml: no such config file")


def test_config_flag_naming_a_directory(project: Path, capsys) -> None:
    result = run(capsys, "check", "--no-cache", "--config", ".", ".")
    assert_one_line_error(*result, ".: no such config file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_config_file(project: Path, capsys) -> None:
    config = project / "pyproject.toml"
    config.write_text("[tool.shapelint]\n")
    config.chmod(0)
    try:
        result = run(capsys, "check", "--no-cache", ".")
    finally:
        config.chmod(0o644)
    assert_one_line_error(*result, "pyproject.toml: cannot read")


# -- paths and flags ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["check", "--no-cache", "--select", "XYZ", "."], "--select: unknown rule code or prefix"),
        (["check", "--no-cache", "--ignore", "SHP999", "."], "--ignore: unknown rule code"),
        (["check", "--no-cache", "--extend-select", "Q1", "."], "--extend-select: unknown rule"),
        (["check", "--no-cache", "--jobs", "0", "."], "--jobs: expected a positive number"),
        (["check", "--no-cache", "missing.py"], "missing.py: no such file or directory"),
        (["check", "--no-cache", "broken.py"], "broken.py: no such file or directory"),
        (["check", "--no-cache", "-", "buggy.py"], "- (stdin) cannot be combined"),
        (["check", "--no-cache", "-o", "no/dir/out.txt", "."], "no/dir/out.txt: cannot write"),
        (["rule", "SHP999"], "unknown rule code `SHP999`"),
        (["rule"], "rule: give one CODE or --all"),
        (["shapes", "missing.py"], "missing.py: cannot read"),
        (["shapes", "."], ".: cannot read"),
    ],
)
def test_bad_argument(project: Path, capsys, argv: list[str], named: str) -> None:
    (project / "broken.py").symlink_to(project / "nowhere.py")
    assert_one_line_error(*run(capsys, *argv), named)


ARGPARSE_ERRORS = [
    (["check", "--jobs", "abc", "."], "argument -j/--jobs: invalid int value: 'abc'"),
    (["check", "--output-format", "xml", "."], "argument --output-format: invalid choice: 'xml'"),
    (["check", "--frobnicate", "."], "unrecognized arguments: --frobnicate"),
    (["frob"], "argument COMMAND: invalid choice: 'frob'"),
]


@pytest.mark.parametrize(("argv", "named"), ARGPARSE_ERRORS)
def test_argparse_errors_exit_2_naming_the_argument(project: Path, capsys, argv, named) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert named in err.splitlines()[-1]


@pytest.mark.parametrize(("argv", "named"), ARGPARSE_ERRORS)
def test_argparse_errors_are_one_line(project: Path, capsys, argv, named) -> None:
    assert_one_line_error(*run(capsys, *argv), named)
