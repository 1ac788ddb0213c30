"""The README's promises: the two set-up commands verbatim, and snippets that really work."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
import yaml

from shapelint import cli
from shapelint.checks import REGISTRY
from shapelint.config import parse_table
from shapelint.report.sarif import INFORMATION_URI

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_the_before_and_after_example_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("## Before and after", 1)[1]
    source = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    console = re.search(r"```console\n\$ (.*?)\n(.*?)```", section, re.DOTALL)
    assert source and console and console.group(1) == "shapelint check model.py"
    (tmp_path / "model.py").write_text(source.group(1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["check", "model.py"]) == 1
    assert capsys.readouterr().out == console.group(2)


def test_the_call_chain_example_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("A finding inside a function names the call", 1)[1]
    source = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    console = re.search(r"```console\n\$ (.*?)\n(.*?)```", section, re.DOTALL)
    assert source and console and console.group(1) == "shapelint check net.py"
    (tmp_path / "net.py").write_text(source.group(1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["check", "net.py"]) == 1
    assert capsys.readouterr().out == console.group(2)


def test_both_setup_commands_appear_verbatim() -> None:
    assert "pip install . && shapelint check examples/" in README
    assert 'pip install -e ".[test]" && pytest' in README


def test_the_rules_table_links_every_page() -> None:
    for rule in REGISTRY:
        assert f"[{rule.code}](rules/{rule.code}.md)" in README
        assert (REPO / "rules" / f"{rule.code}.md").is_file()


def test_the_configuration_example_is_valid() -> None:
    (example,) = [b for b in blocks("toml") if "[tool.shapelint]" in b]
    table = tomllib.loads(example)["tool"]["shapelint"]
    config = parse_table(table, "README")
    assert config.ignore == ("SHP006",)
    assert config.per_file_ignores == (("tests/*", ("SHP002",)),)


def test_the_precommit_snippet_names_the_shipped_hook() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (snippet,) = [b for b in blocks("yaml") if "repos:" in b]
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert repo["hooks"][0]["id"] == hooks[0]["id"] == "shapelint"
    assert repo["repo"] == INFORMATION_URI
    # the repository has no tags: the README names the one revision that surely exists, and
    # says why; the hook's entry is the command the README describes
    assert repo["rev"] == "main"
    assert "no tags yet" in README
    assert f"The hook runs `{hooks[0]['entry']}`" in README


def test_the_precommit_snippet_is_a_valid_config(tmp_path: Path) -> None:
    (snippet,) = [b for b in blocks("yaml") if "repos:" in b]
    (tmp_path / ".pre-commit-config.yaml").write_text(snippet)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_ci_recipe_installs_shapelint_itself_and_uploads_sarif() -> None:
    (workflow,) = [yaml.safe_load(b) for b in blocks("yaml") if "jobs:" in b]
    steps = workflow["jobs"]["shapelint"]["steps"]
    runs = [step.get("run", "") for step in steps]
    installs = [run for run in runs if run.startswith("pip install")]
    assert installs == [f'pip install "shapelint @ git+{INFORMATION_URI}@main"']
    assert "shapelint check --output-format github" in runs
    assert any("--output-format sarif -o shapelint.sarif" in run for run in runs)
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload[0]["with"]["sarif_file"] == "shapelint.sarif"
    (flake8,) = [b for b in blocks("sh") if "flake8 src/" in b]
    assert (
        f'"shapelint @ git+{INFORMATION_URI}@main"' in flake8
        and "pip install flake8 ." not in flake8
    )


def test_the_vscode_recipe_maps_every_warning_level_code_to_a_warning() -> None:
    (settings,) = [json.loads(b) for b in blocks("json") if "flake8.severity" in b]
    assert settings["flake8.importStrategy"] == "fromEnvironment"
    severity = settings["flake8.severity"]
    assert set(severity.values()) <= {"Error", "Warning", "Information", "Hint"}
    warnings = {r.code for r in REGISTRY if r.severity.value == "warning" and r.status == "stable"}
    assert {code for code, level in severity.items() if code.startswith("SHP")} == warnings
    assert all(severity[code] == "Warning" for code in warnings)


def test_the_python_api_example_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    section = README.split("## Python API\n", 1)[1].split("\n## ", 1)[0]
    (example,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    source = "import numpy as np\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n"
    (tmp_path / "model.py").write_text(source)
    (tmp_path / "train.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(example, "README", "exec"), namespace)
    assert capsys.readouterr().out == (
        "model.py 2 5 SHP001 error `@`: inner dimensions differ: (3, 4) @ (5, 6)\n"
    )
    findings = namespace["findings"]
    assert [(d.path, d.code) for d in findings] == [("model.py", "SHP001")]  # type: ignore[attr-defined]


def test_every_check_option_is_documented() -> None:
    from shapelint.cli.parser import build

    parser = build("0")
    check = parser._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    table = README.split("Options of `shapelint check`:", 1)[1].split("\n\n", 2)[1]
    for action in check._actions:
        longest = max(action.option_strings, key=len, default=None)
        if longest and longest not in ("--help", "--no-force-exclude"):
            assert f"`{longest}" in table or f"`{longest} " in table, longest


def test_editor_recipe_and_performance_table() -> None:
    assert '"flake8.importStrategy": "fromEnvironment"' in README
    section = README.split("## Performance\n", 1)[1].split("\n## ", 1)[0]
    assert "| B: libcst.parse_module, 2 processes |" in section
    assert "2-vCPU" in section and "bench/README.md" in section
