"""Every rule's own VALID and INVALID snippets, as tests named after the rule."""

from __future__ import annotations

import pytest

from shapelint.checks import REGISTRY
from tests.expectations import actual, expected

VALID = [
    pytest.param(rule, i, src, id=f"{rule.code}-{rule.name}-valid-{i}")
    for rule in REGISTRY
    for i, src in enumerate(rule.VALID)
]
INVALID = [
    pytest.param(rule, i, src, id=f"{rule.code}-{rule.name}-invalid-{i}")
    for rule in REGISTRY
    for i, src in enumerate(rule.INVALID)
]


@pytest.mark.parametrize(("rule", "index", "source"), VALID)
def test_valid_example_is_silent(rule: type, index: int, source: str) -> None:
    assert actual(source) == set()


@pytest.mark.parametrize(("rule", "index", "source"), INVALID)
def test_invalid_example_reports_exactly_its_markers(rule: type, index: int, source: str) -> None:
    marks = expected(source)
    assert any(code == rule.code for code, _, _ in marks), (
        "an INVALID example must mark its own rule"
    )
    assert actual(source) == marks


def test_every_analysis_rule_has_examples() -> None:
    for rule in REGISTRY:
        if rule.events:
            assert rule.VALID and rule.INVALID, rule.code
