"""The rule registry and the code list below config and checks say the same thing."""

from __future__ import annotations

from shapelint.checks import REGISTRY
from shapelint.rule_codes import CODES, unknown_selectors


def test_the_registry_lists_exactly_the_published_codes_in_order() -> None:
    assert tuple(rule.code for rule in REGISTRY) == CODES


def test_unknown_selectors_are_those_matching_no_code() -> None:
    assert unknown_selectors(["SHP", "shp00", "ALL", "SHP1", "SHP7", "E501"]) == ["SHP7", "E501"]


def test_the_code_list_names_each_rule_as_its_class_does() -> None:
    from shapelint.rule_codes import NAMES

    assert {rule.code: rule.name for rule in REGISTRY} == NAMES
