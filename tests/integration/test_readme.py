"""The README's promises: the two set-up commands verbatim, and snippets that really work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
import yaml

from shapelint import cli
from shapelint.checks import REGISTRY
from shapelint.config import parse_table

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
    config = yaml.safe_load(snippet)
    assert config["repos"][0]["hooks"][0]["id"] == hooks[0]["id"] == "shapelint"


def test_the_ci_recipe_annotates_and_uploads_sarif() -> None:
    (workflow,) = [yaml.safe_load(b) for b in blocks("yaml") if "jobs:" in b]
    steps = workflow["jobs"]["shapelint"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "shapelint check --output-format github" in runs
    assert any("--output-format sarif -o shapelint.sarif" in run for run in runs)
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload[0]["with"]["sarif_file"] == "shapelint.sarif"


def test_editor_recipe_and_performance_table() -> None:
    assert '"flake8.importStrategy": "fromEnvironment"' in README
    section = README.split("## Performance\n", 1)[1].split("\n## ", 1)[0]
    assert "| B: libcst.parse_module, 2 processes |" in section
    assert "2-vCPU" in section and "bench/README.md" in section
