"""The `shapelint` command: exit codes, formats, stdin, discovery and the subcommands.

Most tests call ``cli.main`` in-process (fast); one runs ``python -m shapelint`` for real.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import __version__, cli
from tests.integration.clitools import without_summary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "delivery"
SYNTAX_LINE = "bad.py:2:13: SHP900 syntax error: '(' was never closed"
# engine._NOQA matches codes as [A-Z][0-9]+, so a noqa naming SHP002 acts as a blanket noqa


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory (the cwd) with one file CPython rejects and one clean file."""
    shutil.copy(FIXTURES / "syntax_error.py", tmp_path / "bad.py")
    (tmp_path / "ok.py").write_text("total = sum(range(10))\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, without_summary(err)


def test_findings_exit_1_and_print_concise_lines(project: Path, capsys) -> None:
    assert run(capsys, "check", "--output-format", "concise") == (
        1,
        f"{SYNTAX_LINE}\nFound 1 finding.\n",
        "",
    )


def test_text_format_shows_the_source_line(project: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "bad.py")
    assert code == 1
    assert out.splitlines() == [
        SYNTAX_LINE,
        "  |",
        "2 | x = np.zeros((3, 4)",
        "  |             ^ SHP900",
        "  |",
        "",
        "Found 1 finding.",
    ]


def test_clean_run_exits_0(project: Path, capsys) -> None:
    assert run(capsys, "check", "ok.py") == (0, "All checks passed!\n", "")


def test_exit_zero(project: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "--exit-zero", "--output-format", "concise")
    assert (code, out.splitlines()[0]) == (0, SYNTAX_LINE)


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_is_a_usage_error_naming_it(project: Path, capsys, flag: str) -> None:
    code, out, err = run(capsys, "check", flag, "SHP001,SHP999")
    assert (code, out) == (2, "")
    assert err == f"shapelint: error: {flag}: unknown rule code or prefix `SHP999`\n"


def test_ignore_and_select_change_the_findings(project: Path, capsys) -> None:
    assert run(capsys, "check", "--ignore", "SHP900")[0] == 0
    assert run(capsys, "check", "--select", "SHP001")[0] == 0
    assert run(capsys, "check", "--select", "SHP9", "--output-format", "concise")[0] == 1


def test_stdin_with_a_filename(project: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "syntax_error.py").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(
        capsys, "check", "-", "--stdin-filename", "pkg/model.py", "--output-format", "concise"
    )
    assert (code, out.splitlines()[0]) == (
        1,
        "pkg/model.py:2:13: SHP900 syntax error: '(' was never closed",
    )


def test_output_file_gets_the_report_and_stdout_stays_empty(project: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "--output-format", "json", "-o", "report.json")
    records = json.loads((project / "report.json").read_text())
    assert (code, out) == (1, "")
    assert [(r["filename"], r["code"], r["location"]) for r in records] == [
        ("bad.py", "SHP900", {"row": 2, "column": 13})
    ]


def test_statistics(project: Path, capsys) -> None:
    shutil.copy(FIXTURES / "syntax_error.py", project / "bad2.py")
    assert run(capsys, "check", "--statistics") == (1, "    2\tSHP900\tanalysis-failed\n", "")


def test_text_is_coloured_on_a_terminal_unless_no_color(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for no_color, expect_colour in ((None, True), ("1", False)):
        if no_color is None:
            monkeypatch.delenv("NO_COLOR", raising=False)
        else:
            monkeypatch.setenv("NO_COLOR", no_color)
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        assert cli.main(["check", "bad.py"]) == 1
        assert ("\x1b[" in terminal.getvalue()) is expect_colour


def test_an_internal_error_exits_2_with_one_line(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr("shapelint.runner.lint_targets", broken)
    assert run(capsys, "check") == (2, "", "shapelint: internal error: RuntimeError: boom\n")


def test_a_missing_path_is_a_usage_error(project: Path, capsys) -> None:
    assert run(capsys, "check", "ok.py", "nope.py") == (
        2,
        "",
        "shapelint: error: nope.py: no such file or directory\n",
    )


def test_jobs_must_be_positive(project: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "-j", "0")
    assert (code, err) == (2, "shapelint: error: --jobs: expected a positive number\n")


def test_discovery_honours_gitignore_and_default_excludes(project: Path, capsys) -> None:
    for directory in ("generated", ".venv/lib", "build", "sub"):
        (project / directory).mkdir(parents=True)
        shutil.copy(FIXTURES / "syntax_error.py", project / directory / "bad.py")
    (project / ".gitignore").write_text("generated/\n")
    (project / "sub" / ".gitignore").write_text("*.py\n!keep.py\n")
    shutil.copy(FIXTURES / "syntax_error.py", project / "sub" / "keep.py")
    code, out, _ = run(capsys, "check", "--output-format", "concise")
    files = [line.split(":")[0] for line in out.splitlines()[:-1]]
    assert (code, files) == (1, ["bad.py", "sub/keep.py"])


def test_explicit_files_are_linted_even_when_excluded(project: Path, capsys) -> None:
    (project / "build").mkdir()
    shutil.copy(FIXTURES / "syntax_error.py", project / "build" / "gen.py")
    code, out, _ = run(capsys, "check", "build/gen.py", "--output-format", "concise")
    assert (code, out.splitlines()[0].split(":")[0]) == (1, "build/gen.py")


def test_rule_page(capsys) -> None:
    code, out, _ = run(capsys, "rule", "shp002")
    assert code == 0
    assert out.startswith("SHP002 elementwise-not-matmul.\n\n## What it does\n")


def test_rule_all_as_json(capsys) -> None:
    from shapelint.checks import REGISTRY

    code, out, _ = run(capsys, "rule", "--all", "--output-format", "json")
    records = json.loads(out)
    assert code == 0
    assert [r["code"] for r in records] == [rule.code for rule in REGISTRY]
    assert records[0]["name"] == "shape-mismatch"
    assert records[0]["url"].endswith("/rules/SHP001.md")
    assert records[0]["explanation"].startswith("SHP001 shape-mismatch.")


def test_unknown_rule_exits_2(capsys) -> None:
    assert run(capsys, "rule", "SHP999") == (
        2,
        "",
        "shapelint: error: unknown rule code `SHP999`\n",
    )


def test_shapes_annotates_assignments(capsys) -> None:
    code, out, _ = run(capsys, "shapes", str(FIXTURES / "mismatch.py"))
    assert code == 0
    assert out.splitlines()[0].startswith("# legend: ? ")
    assert "(64, 784)" in out.splitlines()[2]


def test_shape_mismatch_end_to_end(capsys) -> None:
    code, out, _ = run(capsys, "check", str(FIXTURES / "mismatch.py"), "--output-format", "json")
    record = json.loads(out)[0]
    assert (code, record["code"], record["location"]) == (1, "SHP001", {"row": 4, "column": 5})


def test_noqa_silences_only_the_named_codes(capsys) -> None:
    path = str(FIXTURES / "noqa.py")
    code, out, _ = run(capsys, "check", path, "--output-format", "json")
    assert (code, [(r["code"], r["location"]["row"]) for r in json.loads(out)]) == (
        1,
        [("SHP001", 5)],
    )


def test_the_module_runs_as_a_program(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_bytes((FIXTURES / "syntax_error.py").read_bytes())
    version = subprocess.run(
        [sys.executable, "-m", "shapelint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    result = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--output-format", "concise"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (version.returncode, version.stdout) == (0, f"shapelint {__version__}\n")
    assert (result.returncode, result.stdout.splitlines()[0]) == (1, SYNTAX_LINE)
    assert without_summary(result.stderr) == ""


def test_gitignore_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    for name in (
        "top.py",
        "pkg/top.py",
        "docs/a/b/gen_x.py",
        "docs/gen_y.py",
        "pkg/keep.py",
        "pkg/tmp_1.py",
        "pkg/[x].py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("not python\n")
    (tmp_path / ".gitignore").write_text(
        "# comment\n/top.py\ndocs/**/gen_*.py\ntmp_?.py\n\\[x].py\n"
    )
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", "--show-files") == (0, "pkg/keep.py\npkg/top.py\n", "")
