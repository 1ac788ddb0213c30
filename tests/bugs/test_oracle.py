"""The runtime shape oracle: every shape shapelint infers at an assignment of a suite case or
an example agrees with the shape the real framework produced there (soundness), and no
program knows fewer of its runtime array values' shapes than its floor in baseline.json."""

from __future__ import annotations

import json

import oracle
import pytest
import suite

PROGRAMS = [*suite.cases(), *suite.examples()]
XFAIL: dict[str, str] = json.loads((suite.HERE / "oracle_xfail.json").read_text())
BASELINE = json.loads((suite.HERE / "baseline.json").read_text())
_RESULTS: dict[str, oracle.Comparison] = {}


def _compare(case: suite.Case) -> oracle.Comparison:
    if case.name not in _RESULTS:
        record = case.record()
        assert record is not None and "bound" in record, f"{case.name}: no usable record"
        _RESULTS[case.name] = oracle.compare(
            case.name, oracle.inferred(case.source), record["bound"]
        )
    return _RESULTS[case.name]


def _param(case: suite.Case) -> object:
    reason = XFAIL.get(case.name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in PROGRAMS])
def test_inferred_shapes_agree_with_the_run(case: suite.Case) -> None:
    assert _compare(case).failures == []


def test_completeness_does_not_drop() -> None:
    floors: dict[str, int] = BASELINE["known"]
    assert set(floors) <= {case.name for case in PROGRAMS}, "a floor for a program that is gone"
    lost = {
        case.name: (known, floors[case.name])
        for case in PROGRAMS
        if case.name in floors and (known := _compare(case).known) < floors[case.name]
    }
    assert lost == {}, "programs whose known runtime shapes fell below their floor (now, floor)"


def test_the_oracle_can_fail() -> None:
    from shapelint.shapes.shape import Shape

    static = {3: {"y": Shape.of(4, 5)}}
    assert oracle.compare("f", static, {"3": {"y": [[4, 6]]}}).failures
    assert oracle.compare("f", static, {"3": {"y": [[4, 5]]}}).known == 1
    assert oracle.compare("f", static, {"3": {"y": [[4, 5], [4, 6]]}}).failures == []
