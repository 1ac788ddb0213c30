"""The generated rule pages are current, and the generator notices a stale or orphaned page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from shapelint.checks import REGISTRY

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "generate_rule_pages.py"


def generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_the_committed_pages_are_current() -> None:
    result = generate("--check")
    assert (result.returncode, result.stdout) == (0, "")


def test_every_code_has_a_page_built_from_its_docstring() -> None:
    for rule in REGISTRY:
        page = (REPO / "rules" / f"{rule.code}.md").read_text()
        assert page.splitlines()[1] == f"# {rule.code}: {rule.name}"
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in page, (rule.code, heading)
    index = (REPO / "rules" / "README.md").read_text()
    assert all(f"[{rule.code}]({rule.code}.md)" in index for rule in REGISTRY)


def test_a_stale_page_fails_the_check_until_regenerated(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copy(REPO / "README.md", tmp_path / "README.md")
    page = tmp_path / "rules" / "SHP002.md"
    page.write_text(page.read_text() + "edited by hand\n")
    (tmp_path / "rules" / "SHP777.md").write_text("a retired page\n")
    stale = generate("--check", "--root", str(tmp_path))
    assert stale.returncode == 1
    assert stale.stdout.splitlines() == [
        f"stale: {page} (run python scripts/generate_rule_pages.py)",
        f"stale: {tmp_path / 'rules' / 'SHP777.md'} (run python scripts/generate_rule_pages.py)",
    ]
    assert generate("--root", str(tmp_path)).returncode == 0
    assert generate("--check", "--root", str(tmp_path)).returncode == 0
    assert page.read_text() == (REPO / "rules" / "SHP002.md").read_text()
    assert not (tmp_path / "rules" / "SHP777.md").exists()
