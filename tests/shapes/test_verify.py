"""The lint-time judge: NumPy confirms a failure on stand-ins, within size caps, and the
judge itself never raises."""

from __future__ import annotations

import tracemalloc
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from shapelint.shapes import algebra
from shapelint.shapes.indexing import ArrayIndex, Slice
from shapelint.shapes.shape import Dim, Shape, ShapeError
from shapelint.shapes.verify import MAX_ELEMENTS, confirms_failure
from tests.shapes.test_properties import einsum_case, reshape_case, tensordot_case


def S(*dims: int | Dim | None) -> Shape:
    return Shape.of(*dims)


def test_confirms_each_op() -> None:
    cases: list[tuple[str, tuple[Any, ...], bool]] = [
        ("broadcast", (S(3, 4), S(5)), True),
        ("broadcast", (S(3, 4), S(4), S(1, 1)), False),
        ("matmul", (S(64, 784), S(10, 784)), True),
        ("matmul", (S(64, 784), S(784, 10)), False),
        ("dot", (S(2, 3), S(4, 5)), True),
        ("dot", (S(), S(4, 5)), False),
        ("tensordot", (S(3, 4), S(4, 5), 1), False),
        ("tensordot", (S(3, 4), S(5, 4), ((1,), (0,))), True),
        ("einsum", ("ij,jk->ik", S(2, 3), S(4, 5)), True),
        ("einsum", ("ij,jk->ik", S(2, 3), S(3, 5)), False),
        ("einsum", ("i1", S(2)), True),
        ("reshape", (S(8, 3), [5, 5]), True),
        ("reshape", (S(8, 3), [Dim.of(4), -1]), False),
        ("permute", (S(2, 3), (0, 0)), True),
        ("permute", (S(2, 3), None), False),
        ("swapaxes", (S(2, 3), 0, 2), True),
        ("swapaxes", (S(2, 3), 0, -1), False),
        ("squeeze", (S(3, 4), 0), True),
        ("squeeze", (S(1, 4), (0,)), False),
        ("squeeze", (S(1, 4), None), False),
        ("expand_dims", (S(2), (0, 0)), True),
        ("expand_dims", (S(2), -1), False),
        ("reduce", (S(2, 3), (0, 0), False), True),
        ("reduce", (S(2, 3), [0, 1], True), False),
        ("concatenate", ((S(2, 3), S(2, 4)), 0), True),
        ("concatenate", ([S(2, 3), S(2, 4)], -1), False),
        ("concatenate", ([S(), S(2, 4)], None), False),
        ("stack", ((S(2, 3), S(3, 2)), 0), True),
        ("stack", ((S(2, 3), S(2, 3)), 2), False),
        ("index", (S(3, 4), [5]), True),
        ("index", (S(3, 4), [Slice(None, None, -1), None, Ellipsis, 0]), False),
        ("index", (S(3, 4), [ArrayIndex(S(2)), ArrayIndex(S(3))]), True),
    ]
    for op, args, raises in cases:
        assert confirms_failure(op, args) is raises, (op, args)


def test_cannot_judge() -> None:
    assert confirms_failure("conv2d", (S(1, 3, 8, 8),)) is None  # not in the table
    assert confirms_failure("matmul", (S(Dim.sym("B"), 3), S(4, 5))) is None
    assert confirms_failure("matmul", (Shape((Dim.of(3),), True), S(4, 5))) is None
    assert confirms_failure("reshape", (S(8, 3), [Dim.unknown(), 5])) is None
    assert confirms_failure("index", (S(3), [Slice.unknown()])) is None
    assert confirms_failure("matmul", (S(3),)) is None  # wrong arity
    assert confirms_failure("reduce", (S(3), "0", False)) is None
    assert confirms_failure("reduce", (S(3), True, False)) is None  # a bool is not an axis
    assert confirms_failure("squeeze", ("not a shape", None)) is None
    assert confirms_failure(["matmul"], (S(2), S(2))) is None  # type: ignore[arg-type]
    assert confirms_failure("matmul", None) is None  # type: ignore[arg-type]


def test_size_caps() -> None:
    big = 2 * MAX_ELEMENTS
    assert confirms_failure("reshape", (S(big), [3, -1])) is None
    assert confirms_failure("broadcast", (S(3000, 1), S(1, 3000))) is None  # result too big
    assert confirms_failure("concatenate", ([S(600, 1000), S(600, 1000)], 0)) is None
    assert confirms_failure("reshape", (S(6), [2**31, -1])) is None
    assert confirms_failure("matmul", (S(2**31, 3), S(3, 4))) is None  # a dim over 2**31
    assert confirms_failure("expand_dims", (S(*([1] * 32)), 0)) is None
    # ten distinct sizes: even shrunk to 2..11 the einsum would visit 2*3*...*11 = 4e7 items
    assert confirms_failure("einsum", ("abcdefghij", S(*range(2, 12)))) is None


def test_products_are_judged_on_a_shrunk_equivalent() -> None:
    """A product's verdict depends only on which sizes are equal (and on 0s and 1s), so
    large products are judged on small stand-ins with the same pattern."""
    assert confirms_failure("matmul", (S(64, 784), S(10, 784))) is True
    assert confirms_failure("matmul", (S(2000, 500), S(500, 2000))) is False
    assert confirms_failure("matmul", (S(3, 1), S(2, 4))) is True  # 1 stays 1
    assert confirms_failure("dot", (S(5000, 4096), S(4096, 5000))) is False
    assert confirms_failure("tensordot", (S(1000, 1000, 0), S(0, 1000, 1000), 1)) is False
    assert confirms_failure("einsum", ("i,j->ij", S(4000), S(4000))) is False
    assert confirms_failure("einsum", ("ij,jk", S(4000, 3000), S(3001, 10))) is True


def test_stand_ins_allocate_nothing_large() -> None:
    """Judging at the caps stays far below the bytes a real array would need."""
    cases: list[tuple[str, tuple[Any, ...]]] = [
        ("broadcast", (S(1000, 1), S(1, 1000))),
        ("reduce", (S(1000, 1000), 0, False)),
        ("permute", (S(1000, 1000), (1, 0))),
        ("squeeze", (S(1000, 1, 1000), 1)),
        ("index", (S(1000, 1000), [Ellipsis, 0])),
    ]
    for op, args in cases:
        tracemalloc.start()
        assert confirms_failure(op, args) is False
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 200_000, (op, peak)


JUNK = st.one_of(
    st.none(),
    st.integers(-(2**40), 2**40),
    st.text(max_size=5),
    st.booleans(),
    st.lists(st.integers(-3, 3), max_size=3),
    st.lists(st.integers(0, 4), max_size=4).map(lambda d: Shape.of(*d)),
    st.just(Shape.unknown()),
    st.just(Ellipsis),
)


@given(
    st.sampled_from(
        ["broadcast", "matmul", "dot", "tensordot", "einsum", "reshape", "permute", "swapaxes"]
        + ["squeeze", "expand_dims", "reduce", "concatenate", "stack", "index", "nope"]
    ),
    st.lists(JUNK, max_size=4),
)
def test_never_raises(op: str, args: list[object]) -> None:
    assert confirms_failure(op, tuple(args)) in (True, False, None)


SMALL = st.lists(st.integers(0, 4), max_size=4).map(tuple)


@given(SMALL, SMALL, st.sampled_from(["broadcast", "matmul", "dot"]))
def test_judge_agrees_with_the_algebra(a: tuple[int, ...], b: tuple[int, ...], op: str) -> None:
    """On concrete shapes the judge confirms exactly the failures the algebra proves, so
    SHP001 keeps every true finding."""
    rule = {"broadcast": algebra.broadcast, "matmul": algebra.matmul, "dot": algebra.dot}[op]
    try:
        rule(S(*a), S(*b))
        raised = False
    except ShapeError:
        raised = True
    verdict = confirms_failure(op, (S(*a), S(*b)))
    assume(verdict is not None)  # over the judge's work cap: no verdict
    assert verdict is raised


@given(einsum_case())
def test_judge_agrees_on_einsum(case: tuple[str, list[tuple[int, ...]]]) -> None:
    """Relabelled sizes give NumPy's verdict on the original einsum."""
    text, shapes = case
    operands = [S(*s) for s in shapes]
    try:
        algebra.einsum(text, *operands)
        raised = False
    except ShapeError:
        raised = True
    verdict = confirms_failure("einsum", (text, *operands))
    assume(verdict is not None)  # over the judge's work cap: no verdict, not a disagreement
    assert verdict is raised


@given(tensordot_case())
def test_judge_agrees_on_tensordot(case: tuple[tuple[int, ...], tuple[int, ...], Any]) -> None:
    a, b, axes = case
    try:
        algebra.tensordot(S(*a), S(*b), axes)
        raised = False
    except ShapeError:
        raised = True
    verdict = confirms_failure("tensordot", (S(*a), S(*b), axes))
    assume(verdict is not None)  # over the judge's work cap: no verdict
    assert verdict is raised


@given(reshape_case())
def test_judge_agrees_on_reshape(case: tuple[tuple[int, ...], list[int]]) -> None:
    dims, target = case
    try:
        algebra.reshape(S(*dims), target)
        raised = False
    except ShapeError:
        raised = True
    verdict = confirms_failure("reshape", (S(*dims), target))
    assume(verdict is not None)  # over the judge's work cap: no verdict
    assert verdict is raised
