"""``shapes/numpy_family.py`` against real NumPy, on generated shapes.

As in ``test_properties.py``: on concrete shapes each rule gives NumPy's result shape and
raises exactly when NumPy raises; and a case NumPy accepts stays accepted, with a result
that holds, when its dims are made unknown, symbolic or an unknown-length prefix.
Operands of rank 0 stand for Python numbers (``np.hstack((x, 2))``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from shapelint.shapes import numpy_family as nf
from shapelint.shapes.shape import Shape
from tests.shapes.test_properties import (
    AXIS,
    DIM,
    SHAPE,
    Concrete,
    S,
    agree,
    algebra_shape,
    consistent,
    generalise,
    numpy_shape,
    sound,
    standin,
)

SMALL = st.lists(DIM, min_size=0, max_size=4).map(tuple)


@st.composite
def stack_case(draw: st.DrawFn) -> list[Concrete]:
    """Operands of mixed ranks, mostly sharing their dims so that some joins succeed."""
    base = draw(SMALL)
    out: list[Concrete] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            out.append(())
        elif kind == 1:
            out.append(draw(SMALL))
        else:
            dims = list(base[draw(st.integers(0, len(base))) :])
            if dims and draw(st.booleans()):
                dims[draw(st.integers(0, len(dims) - 1))] = draw(DIM)
            out.append(tuple(dims))
    return out


def _generalised(data: st.DataObject, shapes: list[Concrete]) -> tuple[list[Shape], dict[str, int]]:
    env: dict[str, int] = {}
    return [data.draw(generalise(s, env)) for s in shapes], env


STACKERS: dict[str, tuple[Callable[..., Any], Callable[[list[Shape]], Shape]]] = {
    "hstack": (np.hstack, nf.hstack),
    "vstack": (np.vstack, nf.vstack),
    "dstack": (np.dstack, nf.dstack),
    "column_stack": (np.column_stack, nf.column_stack),
}
STACK_NAME = st.sampled_from(sorted(STACKERS))


@given(STACK_NAME, stack_case())
def test_stackers(name: str, shapes: list[Concrete]) -> None:
    real, rule = STACKERS[name]
    expected = numpy_shape(lambda: real([standin(s) for s in shapes]))
    agree(expected, algebra_shape(lambda: rule([S(s) for s in shapes])))


@given(STACK_NAME, stack_case(), st.data())
def test_stackers_sound(name: str, shapes: list[Concrete], data: st.DataObject) -> None:
    real, rule = STACKERS[name]
    expected = numpy_shape(lambda: real([standin(s) for s in shapes]))
    abstract, env = _generalised(data, shapes)
    sound(expected, lambda: rule(abstract), env)


ATLEAST = {
    "1": (np.atleast_1d, nf.atleast_1d),
    "2": (np.atleast_2d, nf.atleast_2d),
    "3": (np.atleast_3d, nf.atleast_3d),
}


@given(st.sampled_from(sorted(ATLEAST)), SHAPE, st.data())
def test_atleast(n: str, dims: Concrete, data: st.DataObject) -> None:
    real, rule = ATLEAST[n]
    expected = numpy_shape(lambda: real(standin(dims)))
    agree(expected, algebra_shape(lambda: rule(S(dims))))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: rule(abstract), env)


@given(SHAPE, st.data())
def test_ravel(dims: Concrete, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.ravel(standin(dims)))
    agree(expected, algebra_shape(lambda: nf.ravel(S(dims))))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: nf.ravel(abstract), env)


SECTIONS = st.one_of(st.integers(-1, 5), st.lists(st.integers(-7, 7), max_size=3))


def _pieces(run: Callable[[], Any]) -> list[Concrete] | None:
    try:
        return [tuple(p.shape) for p in run()]
    except (ValueError, IndexError, TypeError, ZeroDivisionError, np.exceptions.AxisError):
        return None


def _rule_pieces(run: Callable[[], list[Shape] | None]) -> list[Shape] | None | str:
    from shapelint.shapes.shape import ShapeError

    try:
        return run()
    except ShapeError:
        return "raises"


@given(SHAPE, SECTIONS, AXIS, st.booleans(), st.data())
def test_split(
    dims: Concrete, sections: int | list[int], axis: int, exact: bool, data: st.DataObject
) -> None:
    real = np.split if exact else np.array_split
    expected = _pieces(lambda: real(standin(dims), sections, axis))
    got = _rule_pieces(lambda: nf.split(S(dims), sections, axis, exact=exact))
    if expected is None:
        assert got == "raises", f"NumPy raises, the rule gives {got}"
        return
    assert isinstance(got, list), f"NumPy gives {expected}, the rule {got}"
    assert [g.concrete() for g in got] == expected
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    pieces = _rule_pieces(lambda: nf.split(abstract, sections, axis, exact=exact))
    assert pieces != "raises", f"{abstract} raises but NumPy gives {expected}"
    if isinstance(pieces, list):
        assert len(pieces) == len(expected)
        for piece, want in zip(pieces, expected, strict=True):
            assert consistent(piece, want, env), f"claims {piece}, NumPy gives {want}"


REPS = st.one_of(st.integers(-1, 3), st.lists(st.integers(0, 3), max_size=4))


@given(SHAPE, REPS, st.data())
def test_tile(dims: Concrete, reps: int | list[int], data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.tile(standin(dims), reps))
    agree(expected, algebra_shape(lambda: nf.tile(S(dims), reps)))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: nf.tile(abstract, reps), env)


@given(SHAPE, st.integers(-1, 3), st.one_of(st.none(), AXIS), st.data())
def test_repeat(dims: Concrete, repeats: int, axis: int | None, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.repeat(standin(dims), repeats, axis))
    agree(expected, algebra_shape(lambda: nf.repeat(S(dims), repeats, axis)))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: nf.repeat(abstract, repeats, axis), env)


PAD_INT = st.integers(-1, 2)
PAD_WIDTH = st.one_of(
    PAD_INT,
    st.lists(PAD_INT, min_size=1, max_size=3).map(tuple),
    st.lists(st.lists(PAD_INT, min_size=1, max_size=3).map(tuple), min_size=1, max_size=5).map(
        tuple
    ),
)


@given(SHAPE, PAD_WIDTH, st.data())
def test_pad(dims: Concrete, width: Any, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.pad(standin(dims), width))
    agree(expected, algebra_shape(lambda: nf.pad(S(dims), width)))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: nf.pad(abstract, width), env)


@st.composite
def three_related(draw: st.DrawFn) -> list[Concrete]:
    base = draw(SHAPE)
    out = []
    for _ in range(3):
        dims = list(base[draw(st.integers(0, len(base))) :])
        for k in range(len(dims)):
            if draw(st.integers(0, 3)) == 0:
                dims[k] = 1
        if draw(st.integers(0, 5)) == 0:
            dims = list(draw(SHAPE))
        out.append(tuple(dims))
    return out


@given(three_related(), st.data())
def test_where(shapes: list[Concrete], data: st.DataObject) -> None:
    arrays = [standin(s) for s in shapes]
    expected = numpy_shape(lambda: np.where(*arrays))
    agree(expected, algebra_shape(lambda: nf.where(*[S(s) for s in shapes])))
    abstract, env = _generalised(data, shapes)
    sound(expected, lambda: nf.where(*abstract), env)


@given(st.sampled_from(["outer", "vdot"]), SHAPE, SHAPE, st.data())
def test_outer_and_vdot(name: str, a: Concrete, b: Concrete, data: st.DataObject) -> None:
    pairs: dict[str, tuple[Callable[..., Any], Callable[[Shape, Shape], Shape]]] = {
        "outer": (np.outer, nf.outer),
        "vdot": (np.vdot, nf.vdot),
    }
    real, rule = pairs[name]
    expected = numpy_shape(lambda: real(standin(a), standin(b)))
    agree(expected, algebra_shape(lambda: rule(S(a), S(b))))
    abstract, env = _generalised(data, [a, b])
    sound(expected, lambda: rule(*abstract), env)


@given(three_related(), st.data())
def test_broadcast_to(shapes: list[Concrete], data: st.DataObject) -> None:
    a, target = shapes[0], shapes[1]
    if data.draw(st.integers(0, 9)) == 0:
        target = (*target, -1)
    expected = numpy_shape(lambda: np.broadcast_to(standin(a), target))
    agree(expected, algebra_shape(lambda: nf.broadcast_to(S(a), S(target))))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(a, env))
    sound(expected, lambda: nf.broadcast_to(abstract, S(target)), env)


MOVE = st.one_of(AXIS, st.lists(AXIS, max_size=3))


@given(SHAPE, st.data())
def test_moveaxis(dims: Concrete, data: st.DataObject) -> None:
    source = data.draw(MOVE)
    count = 1 if isinstance(source, int) else len(source)
    destination = data.draw(
        st.one_of(AXIS, st.lists(AXIS, min_size=count, max_size=count))
        if count == 1
        else st.lists(AXIS, min_size=count, max_size=count + (data.draw(st.integers(0, 9)) == 0))
    )
    expected = numpy_shape(lambda: np.moveaxis(standin(dims), source, destination))
    agree(expected, algebra_shape(lambda: nf.moveaxis(S(dims), source, destination)))
    env: dict[str, int] = {}
    abstract = data.draw(generalise(dims, env))
    sound(expected, lambda: nf.moveaxis(abstract, source, destination), env)
