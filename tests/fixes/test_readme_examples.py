"""The README's notebook finding, ``--diff`` example and editor recipes, checked for real."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import tomllib

from tests.notebook.helpers import code, markdown, write_notebook

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shapelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "PATH": ""},
    )


def test_the_notebook_finding_is_what_check_prints(tmp_path: Path) -> None:
    text = section("Notebooks")
    console = re.search(r"```console\n\$ (.*?)\n(.*?)```", text, re.DOTALL)
    assert console is not None and console.group(1) == "shapelint check train.ipynb"
    write_notebook(
        tmp_path / "train.ipynb",
        code("import torch", "from torch import nn"),
        code("x = torch.randn(32, 128)", "%timeit x.sum()"),
        markdown("## The classifier"),
        code("!nvidia-smi", "fc = nn.Linear(256, 10)", "logits = fc(x)"),
    )
    assert run("check", "train.ipynb", cwd=tmp_path).stdout == console.group(2)


def test_the_diff_example_is_what_check_prints(tmp_path: Path) -> None:
    text = section("Fixes")
    source = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    console = re.search(r"```console\n\$ (.*?)\n(.*?)```", text, re.DOTALL)
    assert source is not None and console is not None
    assert console.group(1) == "shapelint check model.py --diff --unsafe-fixes"
    (tmp_path / "model.py").write_text(source.group(1))
    result = run("check", "model.py", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert result.stdout == console.group(2)
    assert result.stderr == "Would fix 2 findings.\n"


def test_the_editor_recipes_start_the_server() -> None:
    text = README.split("### Editors: `shapelint server`", 1)[1].split("\n## ", 1)[0]
    vscode = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))  # type: ignore[union-attr]
    assert (vscode["glspc.serverCommand"], vscode["glspc.serverCommandArguments"]) == (
        "shapelint",
        ["server"],
    )
    lua = re.search(r"```lua\n(.*?)```", text, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert 'cmd = { "shapelint", "server" }' in lua and 'vim.lsp.enable("shapelint")' in lua
    helix = tomllib.loads(re.search(r"```toml\n(.*?)```", text, re.DOTALL).group(1))  # type: ignore[union-attr]
    server = helix["language-server"]["shapelint"]
    assert (server["command"], server["args"]) == ("shapelint", ["server"])
    assert "shapelint" in helix["language"][0]["language-servers"]
    help_text = run("--help", cwd=Path.cwd()).stdout
    assert "server" in help_text
