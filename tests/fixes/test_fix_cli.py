"""``check --diff``, ``--fix`` and ``--unsafe-fixes`` through the command line, the diff
applied by real ``patch`` and ``git apply``, and the fix in every output format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_sarif import errors, validator  # noqa: F401
from tests.notebook.helpers import code, markdown, write_notebook

MODEL = (
    "import numpy as np\n"
    "a = np.ones((64, 784))\n"
    "b = np.ones((10, 784))\n"
    "c = a @ b\n"
    "pred = np.ones(32)\n"
    "target = np.ones((32, 1))\n"
    "loss = ((pred - target) ** 2).mean()\n"
)
FIXED = MODEL.replace("a @ b", "a @ b.T").replace("- target)", "- target.squeeze(-1))")
DIFF = """\
--- a/model.py
+++ b/model.py
@@ -1,7 +1,7 @@
 import numpy as np
 a = np.ones((64, 784))
 b = np.ones((10, 784))
-c = a @ b
+c = a @ b.T
 pred = np.ones(32)
 target = np.ones((32, 1))
-loss = ((pred - target) ** 2).mean()
+loss = ((pred - target.squeeze(-1)) ** 2).mean()
"""


def shapelint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shapelint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "PATH": ""},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_text(MODEL)
    return tmp_path


def test_diff_needs_unsafe_fixes_for_shape_fixes(project: Path) -> None:
    result = shapelint("check", "model.py", "--diff", cwd=project)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "Would fix 0 findings. 2 more fixes available with --unsafe-fixes.\n"
    assert (project / "model.py").read_text() == MODEL


def test_diff_prints_the_fixes_and_changes_nothing(project: Path) -> None:
    result = shapelint("check", "model.py", "--diff", "--unsafe-fixes", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (1, DIFF, "Would fix 2 findings.\n")
    assert (project / "model.py").read_text() == MODEL


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_the_diff_applies_with_patch_and_the_result_is_clean(project: Path) -> None:
    diff = shapelint("check", "model.py", "--diff", "--unsafe-fixes", cwd=project).stdout
    applied = subprocess.run(
        ["patch", "-p1"], input=diff, cwd=project, capture_output=True, text=True, check=False
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (project / "model.py").read_text() == FIXED
    after = shapelint("check", "model.py", "--no-cache", cwd=project)
    assert (after.returncode, after.stdout) == (0, "All checks passed!\n")


def test_the_diff_applies_with_git_apply(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    diff = shapelint("check", "model.py", "--diff", "--unsafe-fixes", cwd=project).stdout
    checked = subprocess.run(
        ["git", "apply", "--check", "-"], input=diff, cwd=project, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    subprocess.run(["git", "apply", "-"], input=diff, cwd=project, check=True, text=True)
    assert (project / "model.py").read_text() == FIXED


def test_fix_without_unsafe_fixes_changes_nothing(project: Path) -> None:
    result = shapelint("check", "model.py", "--fix", "--output-format", "concise", cwd=project)
    assert result.returncode == 1
    fixed, checked = result.stderr.splitlines()
    assert fixed == "Fixed 0 findings. 2 more fixes available with --unsafe-fixes."
    assert checked.startswith("Checked 1 file in ")
    assert (project / "model.py").read_text() == MODEL


def test_fix_with_unsafe_fixes_writes_the_file_and_lints_it_again(project: Path) -> None:
    result = shapelint("check", "model.py", "--fix", "--unsafe-fixes", cwd=project)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")
    assert result.stderr.splitlines()[0] == "Fixed 2 findings."
    assert (project / "model.py").read_text() == FIXED


def test_fix_on_stdin_prints_the_fixed_source(project: Path) -> None:
    result = shapelint("check", "-", "--fix", "--unsafe-fixes", cwd=project, stdin=MODEL)
    assert (result.returncode, result.stdout) == (0, FIXED)


def test_a_notebook_is_fixed_inside_its_cells(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path / "nb.ipynb",
        code("import numpy as np", "a = np.ones((64, 784))"),
        markdown("product"),
        code("%time x = 1", "b = np.ones((10, 784))", "c = a @ b  # logits"),
    )
    before = notebook.read_text()
    diff = shapelint("check", "nb.ipynb", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert diff.returncode == 1
    changed = [line for line in diff.stdout.splitlines()[2:] if line[:1] in "+-"]
    assert changed == ['-    "c = a @ b  # logits"', '+    "c = a @ b.T  # logits"']
    fixed = shapelint("check", "nb.ipynb", "--fix", "--unsafe-fixes", "--no-cache", cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout) == (0, "All checks passed!\n")
    assert notebook.read_text() == before.replace(
        '"c = a @ b  # logits"', '"c = a @ b.T  # logits"'
    )
    json.loads(notebook.read_text())  # still a notebook


def test_text_output_shows_the_fix_as_help(project: Path) -> None:
    result = shapelint("check", "model.py", "--no-cache", cwd=project)
    blocks = result.stdout.split("\n\n")
    assert blocks[0].splitlines()[-1] == "help: transpose `b`: the product is then (64, 10)"
    assert blocks[1].splitlines()[-1] == (
        "help: drop the trailing 1 of `target` (32, 1): the result is (32,)"
    )


def test_json_carries_the_fix(project: Path) -> None:
    result = shapelint("check", "model.py", "--output-format", "json", cwd=project)
    first = json.loads(result.stdout)[0]
    assert first["fix"] == {
        "message": "transpose `b`: the product is then (64, 10)",
        "applicability": "unsafe",
        "edits": [
            {
                "content": "a @ b.T",
                "location": {"row": 4, "column": 5},
                "end_location": {"row": 4, "column": 10},
            }
        ],
    }


def test_sarif_carries_valid_fixes(project: Path, validator) -> None:  # noqa: F811
    result = shapelint("check", "model.py", "--output-format", "sarif", cwd=project)
    log = json.loads(result.stdout)
    assert errors(validator, log) == []
    fix = log["runs"][0]["results"][0]["fixes"][0]
    assert fix == {
        "description": {"text": "transpose `b`: the product is then (64, 10)"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": "model.py", "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": 4,
                            "startColumn": 5,
                            "endLine": 4,
                            "endColumn": 10,
                        },
                        "insertedContent": {"text": "a @ b.T"},
                    }
                ],
            }
        ],
    }
