"""``declarations.source`` spells plain dotted names itself instead of asking libcst to
generate code; the text must be exactly what code generation gives, for every expression."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from shapelint.analysis.declarations import source

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ["a", "a.b.c", "(a).b", "a . b", "a.\\\n    b", "f(x).y", "(a.b)", "a.b[0]", "a.b()"]


class _Expressions(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found: list[cst.BaseExpression] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.Name, cst.Attribute)):
            self.found.append(node)
        return True


def _generated(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


@pytest.mark.parametrize("code", SNIPPETS)
def test_snippets_match_code_generation(code: str) -> None:
    expression = cst.parse_expression(code)
    assert source(expression) == _generated(expression)


def test_every_name_and_attribute_of_the_examples_matches_code_generation() -> None:
    visitor = _Expressions()
    for path in sorted((ROOT / "examples").rglob("*.py")):
        cst.parse_module(path.read_text(encoding="utf-8")).visit(visitor)
    assert len(visitor.found) > 500
    assert [n for n in visitor.found if source(n) != _generated(n)] == []
