"""Replay the random-case grids recorded from the real frameworks against the core.

``tests/data/grids/<framework>.json.gz`` holds, per op, seeded random cases run on zero
tensors by ``scripts/record_frameworks.py --grids`` (torch, TensorFlow, tf-keras's backend,
Keras 3 ops, jax.numpy and einops). Each case is replayed, with no framework installed,
against the rule ``shapelint.shapes.op_rules`` names for that framework's op: the rule must
raise exactly when the framework raised, and otherwise give exactly the recorded shape.

The one exception is ``UNDECIDED``: a few ops whose framework follows a path the core does
not model on some inputs (named per op). There the rule may answer a less known shape that
the real one is an instance of (never a wrong one, never an error the framework did not
raise), at most as many times as listed.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shapelint.shapes import algebra
from shapelint.shapes.op_rules import RULES, judge, verdict
from shapelint.shapes.shape import Shape

DATA = Path(__file__).resolve().parent.parent / "data" / "grids"
FRAMEWORKS = ("torch", "tensorflow", "tf_keras", "keras3", "jax", "einops")
MIN_CASES = 2000

# op -> (most undecided cases allowed, why the core cannot tell)
UNDECIDED: dict[str, tuple[int, str]] = {
    "torch:torch.Tensor.expand": (8, "a 0-d tensor expanded to -1 beside a 0 gets size -1"),
    "tensorflow:tensorflow.einsum": (80, "label sizes of an empty operand go unchecked"),
    "keras3:keras.ops.einsum": (90, "matmul forms, and sizes of an empty operand"),
    "jax:jax.numpy.einsum": (70, "size-1 dims standing in for a label's size"),
}


@cache
def _load(framework: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress((DATA / f"{framework}.json.gz").read_bytes()))
    return data


def _shape(text: str) -> list[int]:
    return [] if text == "s" else [int(d) for d in text.split("x")]


def _cases(framework: str, op: str) -> Iterator[tuple[list[list[int]], dict[str, Any], Any]]:
    entry = _load(framework)["ops"][op]
    for case in entry["cases"]:
        inputs, args, output = case.split("|")
        shapes = [_shape(s) for s in inputs.split(";")] if inputs else []
        real: Any = None
        if output != "!":
            pieces = [_shape(o) for o in output.split("&")]
            real = pieces if entry["family"] == "split" else pieces[0]
        yield shapes, json.loads(args), real


def _ids() -> list[tuple[str, str]]:
    return [(f, op) for f in FRAMEWORKS for op in _load(f)["ops"]]


def test_verdicts() -> None:
    assert verdict(Shape.of(2, 3), [2, 3]) == "agree"
    assert verdict("error", None) == "agree"
    assert verdict("error", [2]) == "false error"
    assert verdict(Shape.of(2), None) == "missed error"
    assert verdict(Shape.of(None, 3), [2, 3]) == "undecided"
    assert verdict(Shape.of(None, 4), [2, 3]) == "wrong shape"
    assert verdict(Shape.of(2, 3), [2]) == "wrong shape"
    assert verdict([Shape.of(1), Shape.of(2)], [[1], [2]]) == "agree"
    assert verdict([Shape.of(1)], [[1], [2]]) == "wrong number of pieces"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_grid_file(framework: str) -> None:
    data = _load(framework)
    assert data["framework"] == framework
    assert data["generated_by"] == "scripts/record_frameworks.py --grids"
    assert data["version"][0].isdigit()
    assert data["ops"]
    failing = 0
    for op, entry in data["ops"].items():
        assert len(entry["cases"]) >= MIN_CASES, op
        assert f"{framework}:{op}" in RULES, f"no core rule judges {framework} {op}"
        failing += sum(case.endswith("|!") for case in entry["cases"])
    assert failing, "the grid holds failing calls too"


def test_undecided_names_recorded_ops() -> None:
    recorded = {f"{f}:{op}" for f, op in _ids()}
    assert set(UNDECIDED) <= recorded


@pytest.mark.parametrize(("framework", "op"), _ids(), ids=[f"{f}:{o}" for f, o in _ids()])
def test_core_agrees_with_the_framework(framework: str, op: str) -> None:
    problems: list[str] = []
    undecided = 0
    total = 0
    for inputs, args, real in _cases(framework, op):
        total += 1
        got = judge(framework, op, args, [Shape.of(*s) for s in inputs])
        found = verdict(got, real)
        if found == "undecided":
            undecided += 1
        elif found != "agree":
            problems.append(f"{inputs} {args}: framework {real}, core {got} ({found})")
    assert not problems, f"{len(problems)}/{total} disagree:\n" + "\n".join(problems[:30])
    allowed = UNDECIDED.get(f"{framework}:{op}", (0, ""))[0]
    assert undecided <= allowed, f"{undecided}/{total} undecided (allowed {allowed})"


# Found by the one-off 20,000-case run (``bench/grids.py``): a label repeated within one
# operand whose first size is 0. NumPy's single-operand view path takes that 0 as "not
# yet seen" and answers; torch, jax.numpy, TensorFlow and Keras 3 all raise (each case
# below was run on the real framework and raised). TensorFlow skips some size checks when
# an operand is empty (``'cc'`` on (0, 2) gives ``()``, ``'cc->c'`` raises), so there the
# core may stay undecided, but must not answer a shape.
DIAGONAL_OF_A_LEADING_ZERO = [
    ("torch", "torch.einsum", [0, 2], "cc->c...", "agree"),
    ("torch", "torch.einsum", [0, 1], "...bb->...b", "agree"),
    ("torch", "torch.einsum", [0, 1, 1], "BBA...->...BA", "agree"),
    ("torch", "torch.einsum", [0, 1, 3, 2], "bc...b->cb", "agree"),
    ("torch", "torch.einsum", [0, 0, 2], "dAA->Ad...", "agree"),
    ("torch", "torch.einsum", [4, 0, 1], "Add->dA...", "agree"),
    ("jax", "jax.numpy.einsum", [0, 2], "BB->B", "agree"),
    ("jax", "jax.numpy.einsum", [2, 0, 0, 0, 2], "...BBB->B", "agree"),
    ("tensorflow", "tensorflow.einsum", [0, 4, 2], "BaB->aB", "undecided"),
    ("tensorflow", "tensorflow.einsum", [0, 2], "a...a->a...", "undecided"),
    ("keras3", "keras.ops.einsum", [0, 2], "bb->b", "undecided"),
    ("keras3", "keras.ops.einsum", [0, 1], "dd->d...", "undecided"),
    ("keras3", "keras.ops.einsum", [2, 0, 2], "ad...d->ad...", "undecided"),
]


@pytest.mark.parametrize(
    ("framework", "op", "dims", "subscripts", "expected"), DIAGONAL_OF_A_LEADING_ZERO
)
def test_a_diagonal_of_a_leading_zero_is_no_shape_outside_numpy(
    framework: str, op: str, dims: list[int], subscripts: str, expected: str
) -> None:
    got = judge(framework, op, {"subscripts": subscripts}, [Shape.of(*dims)])
    assert verdict(got, None) == expected


def test_numpy_keeps_its_view_path_for_a_leading_zero() -> None:
    # numpy 2.4: np.einsum('cc->c', zeros((0, 2))).shape == (2,), 'Add->dA' on (4, 0, 1)
    # gives (1, 4)
    assert algebra.einsum("cc->c", Shape.of(0, 2)) == Shape.of(2)
    assert algebra.einsum("Add->dA", Shape.of(4, 0, 1)) == Shape.of(1, 4)
