"""Introspection and conventions (issue 14, item 11): ``--show-settings``, ``--show-files``,
``-V``, ``--color`` with ``NO_COLOR``/``FORCE_COLOR``, rules by name, and a ``--version`` that
imports neither numpy nor libcst."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import __version__, cli
from tests.integration.clitools import imported

SOURCE = "import numpy as np\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "m.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_imports_neither_numpy_nor_libcst(flag: str) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shapelint", flag],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"shapelint {__version__}\n")
    assert imported(result, "argparse")  # the check itself sees imports
    assert not imported(result, "numpy") and not imported(result, "libcst")


def test_show_settings_prints_the_effective_config_and_its_file(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.shapelint]\nignore = ["SHP006"]\ntime-budget = 5\n'
    )
    assert cli.main(["check", "--show-settings", "--extend-select", "SHP901", "m.py"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        f"Resolved settings for: {project / 'm.py'}",
        f"Settings path: {project / 'pyproject.toml'}",
        f"Project root: {project}",
    ]
    assert 'ignore = ["SHP006"]' in out and "time-budget = 5.0" in out
    assert 'extend-select = ["SHP901"]' in out  # the command line's flags on top


def test_show_settings_without_a_config(project: Path, capsys) -> None:
    assert cli.main(["check", "--show-settings"]) == 0
    out = capsys.readouterr().out
    assert "Settings path: (none: the defaults)\n" in out and "select = []\n" in out


def test_show_files_lists_what_would_be_linted(project: Path, capsys) -> None:
    (project / "build").mkdir()
    (project / "build" / "gen.py").write_text(SOURCE)
    (project / "pkg").mkdir()
    (project / "pkg" / "a.py").write_text("x = 1\n")
    assert cli.main(["check", "--show-files"]) == 0
    assert capsys.readouterr() == ("m.py\npkg/a.py\n", "")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("argv", "env", "terminal", "coloured"),
    [
        ([], {}, True, True),
        ([], {}, False, False),
        ([], {"NO_COLOR": "1"}, True, False),
        ([], {"NO_COLOR": ""}, True, True),  # an empty NO_COLOR is ignored
        ([], {"FORCE_COLOR": "1"}, False, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        (["--color", "always"], {"NO_COLOR": "1"}, False, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, True, False),
        (["--color", "auto"], {}, True, True),
    ],
)
def test_color(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    env: dict[str, str],
    terminal: bool,
    coloured: bool,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.main(["check", "--no-cache", *argv, "m.py"]) == 1
    assert ("\x1b[" in stream.getvalue()) is coloured


def test_rules_are_selected_by_name_as_well_as_code(project: Path, capsys) -> None:
    def codes(*argv: str) -> list[str]:
        cli.main(["check", "--no-cache", "--output-format", "concise", "-q", *argv, "m.py"])
        return [line.split(" ")[1] for line in capsys.readouterr().out.splitlines()]

    assert codes("--select", "shape-mismatch") == ["SHP001"]
    assert codes("--select", "elementwise-not-matmul") == []
    assert codes("--ignore", "shape-mismatch") == []
    (project / "shapelint.toml").write_text('ignore = ["shape-mismatch"]\n')
    assert codes() == []


def test_rule_is_looked_up_by_name(capsys) -> None:
    assert cli.main(["rule", "elementwise-not-matmul"]) == 0
    assert capsys.readouterr().out.startswith("SHP002 elementwise-not-matmul.\n")
    assert cli.main(["rule", "no-such-rule"]) == 2
    assert capsys.readouterr().err == "shapelint: error: unknown rule code `no-such-rule`\n"
