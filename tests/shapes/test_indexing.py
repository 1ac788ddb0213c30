"""Unit tests of the indexing rules: basic and advanced keys, variadic shapes, and the
reasons users read."""

from __future__ import annotations

import pytest

from shapelint.shapes import indexing
from shapelint.shapes.indexing import ArrayIndex, BoolIndex, Slice
from shapelint.shapes.shape import Dim, Shape, ShapeError
from tests.shapes.builders import B, F, S, T, U, V, reason

# -- indexing --------------------------------------------------------------------------------


def test_index_basic() -> None:
    assert indexing.index(S(3, 4), [1]) == S(4)
    assert indexing.index(S(3, 4), [Slice(), None]) == S(3, 1, 4)
    assert indexing.index(S(5), [Slice(None, None, -2)]) == S(3)
    assert indexing.index(S(5), [Slice(10, 20)]) == S(0)
    assert indexing.index(S(B, T, F), [Ellipsis, 0]) == S(B, T)
    assert indexing.index(S(B, T), [Slice(), Slice(None, None, -1)]) == S(B, T)
    assert indexing.index(S(B, T), [Slice(1, None)]) == S(U, T)
    assert indexing.index(S(3, 4), [Slice.unknown()]) == S(U, 4)
    assert indexing.index(S(3, 4), [Dim.unknown()]) == S(4)
    assert indexing.index(S(), [None]) == S(1)


def test_index_reasons() -> None:
    assert (
        reason(lambda: indexing.index(S(3, 4), [5]))
        == "index 5 is out of bounds for axis 0 with size 3"
    )
    assert (
        reason(lambda: indexing.index(S(3, 4), [0, -5]))
        == "index -5 is out of bounds for axis 1 with size 4"
    )
    assert (
        reason(lambda: indexing.index(S(3, 4), [1, 2, 3]))
        == "too many indices for (3, 4): 3 were indexed"
    )
    assert (
        reason(lambda: indexing.index(S(3), [Ellipsis, Ellipsis]))
        == "an index can only have a single ellipsis ('...')"
    )
    assert (
        reason(lambda: indexing.index(S(3), [Slice(None, None, 0)])) == "slice step cannot be zero"
    )


def test_a_clamping_framework_takes_any_int_index() -> None:
    """JAX clamps an index out of bounds (``jnp.arange(10)[11]`` is 9, run under JAX
    0.10.2); NumPy, torch and TensorFlow raise. The rank is checked either way."""
    assert indexing.index(S(10), [11], clamped=True) == S()
    assert indexing.index(S(4, 2), [-9], clamped=True) == S(2)
    assert indexing.index(V(10), [Ellipsis, 11], clamped=True) == Shape((), True)
    assert reason(lambda: indexing.index(S(10), [11])) == (
        "index 11 is out of bounds for axis 0 with size 10"
    )
    assert reason(lambda: indexing.index(S(3, 4), [1, 2, 3], clamped=True)) == (
        "too many indices for (3, 4): 3 were indexed"
    )


def test_index_advanced_placement() -> None:
    assert indexing.index(S(3, 4, 5), [0, Slice(), ArrayIndex(S(2))]) == S(2, 4)  # separated
    assert indexing.index(S(3, 4, 5), [Slice(), 0, ArrayIndex(S(2))]) == S(3, 2)  # adjacent
    assert indexing.index(S(3, 4, 5), [ArrayIndex(S(2)), None, ArrayIndex(S(2))]) == S(2, 1, 5)
    assert indexing.index(S(2, 3, 4), [Slice(), ArrayIndex(S(1)), Ellipsis, ArrayIndex(S(1))]) == S(
        1, 2
    )
    assert indexing.index(S(3, 4), [ArrayIndex(S(2, 5))]) == S(2, 5, 4)
    assert indexing.index(S(3, 4, 5), [BoolIndex(S(3, 4))]) == S(U, 5)
    assert reason(lambda: indexing.index(S(3, 4), [ArrayIndex(S(2)), ArrayIndex(S(3))])).startswith(
        "indexing arrays could not be broadcast together"
    )
    assert reason(lambda: indexing.index(S(3, 4), [Slice(), BoolIndex(S(5))])) == (
        "boolean index (5,) does not match axis 1 of size 4"
    )
    assert reason(lambda: indexing.index(S(0, 3), [ArrayIndex(S(2))])) == (
        "index array (2,) indexes axis 0 of size 0"
    )
    assert indexing.index(S(0, 3), [ArrayIndex(S(0))]) == S(0, 3)


def test_index_variadic() -> None:
    assert indexing.index(V(T, F), [Ellipsis, -1]) == V(T)
    assert indexing.index(V(T, F), [Ellipsis, Slice(), None]) == V(T, F, 1)
    assert indexing.index(V(T, F), [0]) == V(F)  # the first axis may be T itself
    assert reason(lambda: indexing.index(V(3), [Ellipsis, 5])) == (
        "index 5 is out of bounds for axis -1 with size 3"
    )
    assert indexing.index(V(3), [ArrayIndex(S(2))]) == Shape.unknown()
    with pytest.raises(ShapeError):
        indexing.index(V(3), [Slice(None, None, 0), Ellipsis])
    assert indexing.index(S(3), [object()]) == Shape.unknown()
    assert indexing.index(S(3), [True]) == Shape.unknown()  # a bool indexes as a 0-d mask


def test_slice_length() -> None:
    assert Slice(1, None).length(Dim.of(5)) == Dim.of(4)
    assert Slice(None, None, -1).length(B) == B
    assert Slice(None, 3).length(B) == U
    assert Slice.unknown().length(Dim.of(5)) == U


def test_index_arrays_that_broadcast_to_nothing_index_nothing() -> None:
    """Found by the long property run: NumPy accepts (0, 1)[[i], []] and returns (0,)."""
    key = [ArrayIndex(Shape.of(1)), ArrayIndex(Shape.of(0))]
    assert indexing.index(Shape.of(0, 1), key) == Shape.of(0)
    assert indexing.index(Shape.of(0, 1, 1, 1), key) == Shape.of(0, 1, 1)
    with pytest.raises(ShapeError):  # a 0-d index array is bound-checked like an int
        indexing.index(Shape.of(0, 1), [ArrayIndex(Shape.of()), ArrayIndex(Shape.of(0))])


def test_index_past_the_known_dims_of_a_variadic_shape() -> None:
    """Found by the long soundness run: (…, 2, 1)[..., 0, 0, 0] consumes the 2 as well."""
    assert indexing.index(
        Shape((Dim.of(2), Dim.of(1)), variadic=True), [Ellipsis, 0, 0, 0]
    ) == Shape((), variadic=True)
