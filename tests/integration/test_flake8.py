"""The flake8 plugin through real flake8 in a subprocess (the package must be installed, so that
its ``flake8.extension`` entry point is registered: ``pip install -e .``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import __version__

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "delivery"
# engine._NOQA matches codes as [A-Z][0-9]+, so a noqa naming SHP002 acts as a blanket noqa

# Makes the analysis raise, then runs flake8 as its console script would.
CRASHING_FLAKE8 = """
import sys
import shapelint.engine

def broken(*args, **kwargs):
    raise RuntimeError("injected failure")

shapelint.engine.lint_source = broken
from flake8.main.cli import main
sys.exit(main(sys.argv[1:]))
"""


def flake8(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    for name in ("syntax_error.py", "mismatch.py", "elementwise.py"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def test_the_plugin_is_registered(workdir: Path) -> None:
    result = flake8(workdir, "--version")
    assert result.returncode == 0
    assert f"shapelint: {__version__}" in result.stdout


def test_a_syntax_error_is_left_to_flake8(workdir: Path) -> None:
    result = flake8(workdir, "syntax_error.py")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "syntax_error.py:2:14: E999 SyntaxError: '(' was never closed"
    ]


def test_a_crashing_analysis_gives_one_shp900_and_flake8_goes_on(workdir: Path) -> None:
    (workdir / "model.py").write_text("import os\nimport numpy as np\nx = np.zeros((3, 4))\n")
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_FLAKE8, "--isolated", "model.py"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "model.py:1:1: F401 'os' imported but unused",
        "model.py:1:1: SHP900 internal error: RuntimeError: injected failure",
    ]


def test_options_are_read_from_flake8_config_files(workdir: Path) -> None:
    (workdir / "setup.cfg").write_text("[flake8]\nshapelint-time-budget = 7.5\n")
    script = (
        "import sys\n"
        "from flake8.main.cli import main\n"
        "main(['syntax_error.py'])\n"
        "from shapelint.flake8_plugin import Plugin\n"
        "print('budget', Plugin.time_budget)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=workdir, capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "budget 7.5"


def test_findings_with_codes_rows_and_columns(workdir: Path) -> None:
    result = flake8(workdir, "--select", "SHP", "mismatch.py", "elementwise.py")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["elementwise.py:5:10:", "mismatch.py:4:5:"]
    assert [line.split(" ")[1] for line in lines] == ["SHP002", "SHP001"]


def test_a_finding_inside_a_called_function_names_the_call(workdir: Path) -> None:
    (workdir / "net.py").write_text(
        "import torch\n"
        "def project(x):\n"
        "    return x @ torch.ones(10, 5)\n"
        "out = project(torch.ones(4, 100))\n"
    )
    result = flake8(workdir, "--select", "SHP", "net.py")
    assert result.stdout.splitlines() == [
        "net.py:3:12: SHP001 `@`: inner dimensions differ: (4, 100) @ (10, 5)"
        " (called with (4, 100) at line 4:7)"
    ]


def test_noqa_is_flake8s(workdir: Path) -> None:
    source = (workdir / "elementwise.py").read_text()
    (workdir / "elementwise.py").write_text(source.rstrip("\n") + "  # noqa: SHP002\n")
    assert flake8(workdir, "--select", "SHP", "elementwise.py").stdout == ""
    (workdir / "elementwise.py").write_text(source.rstrip("\n") + "  # noqa: SHP001\n")
    assert "SHP002" in flake8(workdir, "--select", "SHP", "elementwise.py").stdout


def test_stdin(workdir: Path) -> None:
    source = (workdir / "mismatch.py").read_text()
    result = flake8(
        workdir, "--select", "SHP", "--stdin-display-name", "model.py", "-", stdin=source
    )
    assert result.stdout.splitlines()[0].startswith("model.py:4:5: SHP001 ")


# -- issue 14, item 5: [tool.shapelint] analysis settings, flake8's selection, the shared cache --
def test_the_analysis_settings_come_from_the_nearest_tool_shapelint(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text("[tool.shapelint]\nmemory-budget = 0.001\n")
    result = flake8(workdir, "--select", "SHP", "mismatch.py")
    (line,) = result.stdout.splitlines()
    assert line.startswith("mismatch.py:1:1: SHP900 not analysed: libcst would need about")
    assert "over the 0.001 MiB memory budget" in line
    (workdir / "pyproject.toml").write_text("[tool.shapelint]\ntime-budget = 1e-9\n")
    (line,) = flake8(workdir, "--select", "SHP", "mismatch.py").stdout.splitlines()
    assert line.startswith("mismatch.py:1:1: SHP900 ") and "time budget" in line


def test_prefilter_setting_is_honoured(workdir: Path) -> None:
    """The prefilter never changes findings, only whether a file is parsed: a file that imports
    no array library is parsed (libcst loaded) only with ``prefilter = false``."""
    (workdir / "plain.py").write_text("total = sum(range(10))\n")
    script = (
        "import sys\n"
        "from flake8.main.cli import main\n"
        "try:\n"
        "    main(['--isolated', '--jobs', '1', '--select', 'SHP', 'plain.py'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('libcst', 'libcst' in sys.modules)\n"
    )
    seen = []
    for value in ("true", "false"):
        (workdir / "shapelint.toml").write_text(f"prefilter = {value}\n")
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=workdir, capture_output=True, text=True, check=False
        )
        seen.append(result.stdout.splitlines()[-1])
    assert seen == ["libcst False", "libcst True"]


def test_extend_ignore_shp_skips_the_analysis(workdir: Path) -> None:
    result = flake8(workdir, "--extend-ignore", "SHP", "mismatch.py")
    assert (result.returncode, result.stdout) == (0, "")
    assert not (workdir / ".shapelint_cache").exists()  # nothing analysed, nothing stored
    result = flake8(workdir, "--select", "E,W,F", "mismatch.py")
    assert not (workdir / ".shapelint_cache").exists()
    assert "SHP001" in flake8(workdir, "mismatch.py").stdout
    assert (workdir / ".shapelint_cache").is_dir()


def test_the_content_cache_is_shared_with_the_cli(workdir: Path) -> None:
    import json

    cli = [sys.executable, "-m", "shapelint", "check", "mismatch.py"]
    assert subprocess.run(cli, cwd=workdir, capture_output=True, check=False).returncode == 1
    (entry,) = (workdir / ".shapelint_cache").rglob("*.json")
    data = json.loads(entry.read_text())
    data["diagnostics"][0][5] = "read from the cache"
    entry.write_text(json.dumps(data))
    result = flake8(workdir, "--select", "SHP", "./mismatch.py")
    assert result.stdout.splitlines() == ["./mismatch.py:4:5: SHP001 read from the cache"]
