"""The bundled examples: each buggy program reports exactly its marked findings, and each
fixed counterpart is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expectations import actual, expected

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.py"))
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: p.name)
def test_findings_match_markers(path: Path) -> None:
    source = path.read_text()
    assert actual(source, str(path)) == expected(source)


def test_examples_cover_every_analysis_rule() -> None:
    codes = {code for path in EXAMPLES for code, _, _ in expected(path.read_text())}
    assert {"SHP001", "SHP002", "SHP003", "SHP004", "SHP005", "SHP006", "SHP100"} <= codes


def test_every_buggy_example_has_a_silent_counterpart() -> None:
    names = {p.stem for p in EXAMPLES}
    for path in EXAMPLES:
        if not path.stem.endswith("_fixed"):
            assert f"{path.stem}_fixed" in names, path.name
            assert expected(path.read_text()), f"{path.name} marks no finding"
