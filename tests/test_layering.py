"""The dependency direction is one way: shapes <- analysis <- checks <- engine <- front ends.

Parsed from the source with ``ast``, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "shapelint"

# Each layer, and what it must never import (its own layer and those below are fine).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "shapes": (
        "libcst",
        "shapelint.analysis",
        "shapelint.checks",
        "shapelint.engine",
        "shapelint.cli",
        "shapelint.report",
        "shapelint.runner",
        "shapelint.flake8_plugin",
    ),
    "analysis": (
        "shapelint.checks",
        "shapelint.engine",
        "shapelint.cli",
        "shapelint.report",
        "shapelint.runner",
        "shapelint.flake8_plugin",
    ),
    "checks": (
        "libcst",
        "shapelint.engine",
        "shapelint.cli",
        "shapelint.report",
        "shapelint.runner",
        "shapelint.flake8_plugin",
    ),
    "report": (
        "libcst",
        "shapelint.analysis",
        "shapelint.engine",
        "shapelint.cli",
        "shapelint.runner",
        "shapelint.flake8_plugin",
    ),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    assert violations(layer) == []


def test_the_check_detects_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import libcst\n")
    assert "libcst" in imported_modules(bad)
