"""Replay the committed records of the bug suite, without any framework: each buggy case's
run showed its marked bug (an SHP001 line raised; a silent-rule line had the shapes the rule
is about), and each correct twin ran cleanly."""

from __future__ import annotations

import pytest
import suite

CASES = list(suite.cases())


def test_the_suite_is_not_empty() -> None:
    assert len([c for c in CASES if not c.is_twin]) >= 1
    assert len([c for c in CASES if c.is_twin]) >= 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_record_shows_what_the_case_claims(case: suite.Case) -> None:
    assert suite.replay_problems(case, case.record()) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.is_twin], ids=lambda c: c.name)
def test_twin_has_its_buggy_case(case: suite.Case) -> None:
    buggy = case.path.with_name(case.path.name.replace("_fixed.py", ".py"))
    assert buggy.exists()


def test_replay_catches_a_record_without_the_bug() -> None:
    """The checks can fail: a clean run does not show an SHP001 or an SHP006 marker."""
    source = "# source: x\nimport torch\ny = a - b  # expect[SHP006]\nz = f(y)  # expect[SHP001]\n"
    case = suite.Case(
        suite.CASES / "torch" / "fake.py", "torch", source, "x", suite.markers(source)
    )
    record = {
        "sha256": suite.sha256(source),
        "bound": {},
        "exceptions": [],
        "operands": {"3": [{"op": "Sub", "column": 5, "shapes": [[32, 1], [32, 1]]}]},
    }
    problems = suite.replay_problems(case, record)
    assert len(problems) == 2
    record["operands"]["3"][0]["shapes"] = [[32], [32, 1]]
    record["exceptions"] = [{"line": 4, "type": "RuntimeError", "message": "m"}]
    assert suite.replay_problems(case, record) == []


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [
        ([32], [32, 1], True),
        ([32, 1], [32, 1], False),
        ([5, 1], [1, 5], True),
        ([4, 3], [3], False),
    ],
)
def test_broadcast_expands_both(a: list[int], b: list[int], both: bool) -> None:
    assert suite.broadcast_expands_both(a, b) is both
