"""The pre-commit hook on notebooks, through real ``pre-commit try-repo`` (offline, as in
tests/integration/test_precommit.py, whose wheelhouse and hook-repository fixtures are used)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.integration.test_precommit import env, hook_repo, try_repo  # noqa: F401
from tests.notebook.helpers import code, markdown, write_notebook


def staged_project(
    tmp_path: Path, variables: dict[str, str], name: str, *cells: dict[str, object]
) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=variables)
    write_notebook(project / name, *cells)
    subprocess.run(["git", "add", name], cwd=project, check=True, env=variables)
    return project


def test_a_staged_notebook_with_a_bug_fails_the_hook(
    env: dict[str, str],  # noqa: F811
    hook_repo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    cells = (
        code("import torch", "x = torch.randn(32, 128)"),
        markdown("The classifier"),
        code("%time y = x", "fc = torch.nn.Linear(256, 10)", "logits = fc(x)"),
    )
    project = staged_project(tmp_path, env, "train.ipynb", *cells)
    result = try_repo(env, hook_repo, project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "shapelint................................................................Failed" in (
        result.stdout
    )
    finding = "train.ipynb:cell 3:3:10: SHP001 `torch.nn.Linear(in_features=256, out_features=10)`"
    assert finding in result.stdout


def test_a_clean_staged_notebook_passes(
    env: dict[str, str],  # noqa: F811
    hook_repo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    cells = (
        code("import torch", "!pip list", "x = torch.randn(32, 128)"),
        code("fc = torch.nn.Linear(128, 10)", "logits = fc(x)"),
    )
    project = staged_project(tmp_path, env, "train.ipynb", *cells)
    result = try_repo(env, hook_repo, project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shapelint................................................................Passed" in (
        result.stdout
    )
