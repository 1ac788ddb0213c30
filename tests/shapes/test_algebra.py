"""Unit tests of the shape rules: the tricky cases, symbolic and variadic shapes, and the
exact wording of the reasons users read."""

from __future__ import annotations

import pytest

from shapelint.shapes import algebra, framework_ops
from shapelint.shapes.shape import Dim, Shape, ShapeError
from tests.shapes.builders import B, F, N, S, T, U, V, reason

# -- axes ------------------------------------------------------------------------------------


def test_normalise_axis() -> None:
    assert algebra.normalise_axis(-1, 3) == 2
    assert algebra.normalise_axis(2, 3) == 2
    assert reason(lambda: algebra.normalise_axis(3, 2)) == "axis 3 is out of bounds for rank 2"
    assert reason(lambda: algebra.normalise_axis(-3, 2)) == "axis -3 is out of bounds for rank 2"
    assert reason(lambda: algebra.normalise_axis(0, 0)) == "axis 0 is out of bounds for rank 0"


def test_numel() -> None:
    assert algebra.numel(S(B, 3, 4)) == B * 12
    assert algebra.numel(S()) == Dim.of(1)
    assert algebra.numel(V(3)).is_unknown


# -- broadcasting ----------------------------------------------------------------------------


def test_broadcast_concrete() -> None:
    assert algebra.broadcast(S(8, 1, 6, 1), S(7, 1, 5)) == S(8, 7, 6, 5)
    assert algebra.broadcast(S(0), S(1)) == S(0)
    assert algebra.broadcast() == S()
    assert reason(lambda: algebra.broadcast(S(3, 4), S(5))) == "cannot broadcast (3, 4) with (5,)"
    assert (
        reason(lambda: algebra.broadcast(S(2), S(2), S(3)))
        == "cannot broadcast (2,), (2,) and (3,) together"
    )


def test_broadcast_symbolic_never_raises_on_maybe_one() -> None:
    assert algebra.broadcast(S(B), S(3)) == S(3)  # B may be 1 or 3
    assert algebra.broadcast(S(B, 1), S(1, T)) == S(B, T)
    assert algebra.broadcast(S(B), S(B)) == S(B)
    assert algebra.broadcast(S(B), S(T)) == S(U)  # either may be 1
    assert algebra.broadcast(S(N), S(N + 1)) == S(U)  # N = 0 fits
    assert algebra.broadcast(S(U, 3), S(5, 3)) == S(5, 3)


def test_broadcast_variadic() -> None:
    assert algebra.broadcast(V(3), S(4, 3)) == V(4, 3)
    assert algebra.broadcast(V(1), S(4, 3)) == V(4, 3)
    assert algebra.broadcast(V(B), S(4, 1)) == V(4, B)
    assert algebra.broadcast(V(B), S(4, 3)) == V(4, 3)
    assert algebra.broadcast(Shape.unknown(), S(2, 3)) == V(2, 3)
    assert reason(lambda: algebra.broadcast(V(3), S(4, 5))) == "cannot broadcast (…, 3) with (4, 5)"


def test_broadcast_expansion() -> None:
    assert algebra.broadcast_expansion(S(N), S(N, 1)) == (True, True)
    assert algebra.broadcast_expansion(S(3, 4), S(4)) == (False, True)
    assert algebra.broadcast_expansion(S(3, 1), S(1, 4)) == (True, True)
    assert algebra.broadcast_expansion(S(B, T), S(B, T)) == (False, False)
    assert algebra.broadcast_expansion(S(1), S(U)) == (False, False)  # unknown never counts
    assert algebra.broadcast_expansion(S(0, 1), S(1)) == (False, False)  # 0 is not > 1
    assert algebra.broadcast_expansion(S(3), S(4)) == (False, False)  # fails
    assert algebra.broadcast_expansion(V(3), S(4, 3)) == (False, False)  # rank unknown


# -- products --------------------------------------------------------------------------------


def test_matmul() -> None:
    assert algebra.matmul(S(B, T, F), S(F, 128)) == S(B, T, 128)
    assert algebra.matmul(S(3), S(3)) == S()
    assert algebra.matmul(S(3), S(2, 3, 4)) == S(2, 4)
    assert algebra.matmul(S(2, 3, 4), S(4)) == S(2, 3)
    assert algebra.matmul(S(5, 1, 2, 3), S(4, 3, 6)) == S(5, 4, 2, 6)
    assert algebra.matmul(S(B, 3), S(B, 4)) == S(B, 4)  # B may be 3


def test_matmul_reasons() -> None:
    assert (
        reason(lambda: algebra.matmul(S(64, 784), S(10, 784)))
        == "inner dimensions differ: (64, 784) @ (10, 784)"
    )
    assert reason(lambda: algebra.matmul(S(3, 1), S(2, 4))).startswith("inner dimensions differ")
    assert (
        reason(lambda: algebra.matmul(S(), S(3))) == "matmul needs operands of rank >= 1: () @ (3,)"
    )
    assert (
        reason(lambda: algebra.matmul(S(2, 3, 4), S(5, 4, 6)))
        == "batch dimensions cannot broadcast: (2, 3, 4) @ (5, 4, 6)"
    )


def test_matmul_variadic() -> None:
    assert algebra.matmul(V(784), S(784, 128)) == V(128)
    assert algebra.matmul(V(T, 784), S(784, 128)) == V(T, 128)
    assert algebra.matmul(V(T, 784), S(784)) == V(T)
    assert algebra.matmul(S(784), V(784, 10)) == V(10)
    assert algebra.matmul(V(3), V(4)) == Shape.unknown()  # b may be 1-D or N-D
    assert algebra.matmul(Shape.unknown(), S(2, 3)) == V(3)
    with pytest.raises(ShapeError):
        algebra.matmul(V(784), S(10, 128))  # the last dim of a is always summed
    with pytest.raises(ShapeError):
        algebra.matmul(Shape.unknown(), S())


def test_dot() -> None:
    assert algebra.dot(S(2, 3, 4), S(5, 4, 6)) == S(2, 3, 5, 6)
    assert algebra.dot(S(), S(2, 3)) == S(2, 3)
    assert algebra.dot(S(2, 3), S(3)) == S(2)
    assert algebra.dot(S(3), S(3)) == S()
    assert algebra.dot(V(4), S(4, 6)) == V(6)
    assert algebra.dot(S(2, 4), V(4, 6)) == V(6)
    assert algebra.dot(S(2, 4), V(5)) == Shape.unknown()  # 1-D or N-D b
    assert algebra.dot(Shape.unknown(), S(5, 6)) == Shape.unknown()  # a may be 0-d
    assert (
        reason(lambda: algebra.dot(S(2, 3), S(4, 5)))
        == "inner dimensions differ: 3 vs 4 in dot of (2, 3) and (4, 5)"
    )


def test_tensordot() -> None:
    assert algebra.tensordot(S(3, 4, 5), S(4, 5, 6)) == S(3, 6)
    assert algebra.tensordot(S(3, 4), S(4, 3), ([1, 0], [0, 1])) == S()
    assert algebra.tensordot(S(3, 4), S(5, 6), 0) == S(3, 4, 5, 6)
    assert algebra.tensordot(S(3, 4), S(5, 6), -1) == S(3, 4, 5, 6)  # as NumPy: like 0
    assert algebra.tensordot(S(2, 3), S(3), (1, 0)) == S(2)
    assert algebra.tensordot(V(4, 5), S(4, 5, 6)) == V(6)
    assert algebra.tensordot(S(3, 4), V(4, 6, 7), 1) == V(6, 7)
    assert (
        reason(lambda: algebra.tensordot(S(3, 4), S(5, 6), 1))
        == "tensordot dimensions differ: axis -1 of (3, 4) is 4, axis 0 of (5, 6) is 5"
    )
    assert reason(lambda: algebra.tensordot(S(2, 2), S(2, 2), ([0, 0], [0, 1]))).startswith(
        "duplicate axes in tensordot"
    )
    assert (
        reason(lambda: algebra.tensordot(S(2, 2), S(2, 2), ([0], [0, 1])))
        == "tensordot sums 1 axes of (2, 2) against 2 axes of (2, 2)"
    )
    with pytest.raises(ShapeError):
        algebra.tensordot(S(2, 2), S(2, 2), ([0, -2], [0, 1]))  # the same axis twice
    with pytest.raises(ShapeError):
        algebra.tensordot(S(3), S(3, 4), 2)  # a has too few axes


# -- einsum ----------------------------------------------------------------------------------


def test_einsum_spaces_are_dropped_but_not_inside_the_arrow() -> None:
    """As NumPy and torch: ``"ij -> i"`` is ``"ij->i"``, ``"ij- >i"`` raises (found by
    hypothesis against NumPy)."""
    assert algebra.einsum("ij -> i", S(2, 3)) == S(2)
    with pytest.raises(ShapeError):
        algebra.einsum("b- >", S(1))
    with pytest.raises(ShapeError):
        framework_ops.torch_einsum("b- >", S(1))


def test_einsum_explicit_and_implicit() -> None:
    assert algebra.einsum("ij,jk->ik", S(2, 3), S(3, 4)) == S(2, 4)
    assert algebra.einsum("ij,jk", S(2, 3), S(3, 4)) == S(2, 4)
    assert algebra.einsum("ba", S(2, 3)) == S(3, 2)  # implicit output is alphabetical
    assert algebra.einsum("Ba,aC", S(2, 3), S(3, 4)) == S(2, 4)  # upper case sorts first
    assert algebra.einsum("ii", S(3, 3)) == S()
    assert algebra.einsum("ii->i", S(3, 3)) == S(3)
    assert algebra.einsum(" i j -> j ", S(2, 3)) == S(3)
    assert algebra.einsum("ij,ij->ij", S(3, 1), S(3, 4)) == S(3, 4)  # 1 broadcasts


def test_einsum_ellipsis() -> None:
    assert algebra.einsum("...ij,...jk->...ik", S(B, 2, 3), S(3, 4)) == S(B, 2, 4)
    assert algebra.einsum("i...,i", S(2, 3, 4), S(2)) == S(3, 4)
    assert algebra.einsum("...i->i", S(3)) == S(3)  # the '...' covers no dims
    assert algebra.einsum("ij->...ij", S(2, 3)) == S(2, 3)
    assert algebra.einsum("...i,i->...", V(T, 3), S(3)) == V(T)
    assert algebra.einsum("bhqd,bhkd->bhqk", S(B, 8, T, 64), S(B, 8, T, 64)) == S(B, 8, T, T)


def test_einsum_reasons() -> None:
    assert (
        reason(lambda: algebra.einsum("ij,jk->ik", S(2, 3), S(4, 5)))
        == "einsum index 'j' has different sizes in (2, 3), (4, 5)"
    )
    assert (
        reason(lambda: algebra.einsum("ii->i", S(2, 3)))
        == "einsum operand 0 (2, 3): dims for repeated index 'i' differ"
    )
    assert (
        reason(lambda: algebra.einsum("i1->i", S(2)))
        == "einsum subscripts 'i1->i': invalid subscript '1'"
    )
    assert (
        reason(lambda: algebra.einsum("ij", S(2)))
        == "einsum operand 0 has shape (2,) but subscripts 'ij'"
    )
    assert (
        reason(lambda: algebra.einsum("i,j", S(2)))
        == "einsum subscripts 'i,j' name 2 operands, got 1"
    )
    assert reason(lambda: algebra.einsum("ij->k", S(2, 2))).startswith("einsum output label 'k'")
    assert reason(lambda: algebra.einsum("ij->ii", S(2, 2))).startswith(
        "einsum output 'ii' repeats"
    )
    assert reason(lambda: algebra.einsum("...i->i", S(2, 3))).startswith("einsum output")
    assert reason(lambda: algebra.einsum(".i", S(2))).endswith("a '.' outside a single '...'")
    assert reason(lambda: algebra.einsum("i->i->i", S(2))).endswith("have more than one '->'")
    with pytest.raises(ShapeError):
        algebra.einsum("...i,...i", S(2, 3), S(4, 3))


def test_einsum_single_operand_view_takes_a_leading_zero_as_unset() -> None:
    """NumPy answers a one-operand einsum that sums nothing with a view; on that path a
    leading 0 on a diagonal does not fix the size (found by the long property run)."""
    assert algebra.einsum("aaa->a", S(0, 0, 1)) == S(1)
    assert algebra.einsum("aa...->a", S(0, 2)) == S(2)
    assert algebra.einsum("aa->a", S(B, B)) == S(B)
    assert algebra.einsum("aa->a", S(0, B)) == S(U)
    with pytest.raises(ShapeError):
        algebra.einsum("aa->a", S(1, 0))  # a non-zero size is fixed
    with pytest.raises(ShapeError):
        algebra.einsum("aab->a", S(0, 1, 2))  # b is summed: the general path checks
    with pytest.raises(ShapeError):
        algebra.einsum("aa", S(0, 1))  # implicit output sums a


def test_einsum_unknowns_stay_silent() -> None:
    assert algebra.einsum("ij,jk->ik", S(2, B), S(3, 4)) == S(2, 4)
    assert algebra.einsum("ij,jk->ik", S(U, 3), S(3, U)) == S(U, U)
    assert algebra.einsum("ij,jk->ik", V(3), S(3, 4)) == S(U, 4)
    assert algebra.einsum("...ij,jk->...ik", V(3), S(3, 4)) == V(U, 4)
    with pytest.raises(ShapeError):
        algebra.einsum("ij", V(2, 3, 4))  # rank is at least 3


# -- permutations ----------------------------------------------------------------------------


def test_permute() -> None:
    assert algebra.permute(S(2, 3, 4), (2, 0, 1)) == S(4, 2, 3)
    assert algebra.permute(S(2, 3, 4), (-1, 0, 1)) == S(4, 2, 3)
    assert algebra.permute(S(2, 3, 4), None) == S(4, 3, 2)
    assert algebra.permute(V(3), (1, 0)) == S(3, U)  # rank must be 2
    assert algebra.permute(Shape.unknown(), None) == Shape.unknown()
    assert (
        reason(lambda: algebra.permute(S(2, 3), (0, 0)))
        == "repeated axis in permutation (0, 0) of (2, 3)"
    )
    assert (
        reason(lambda: algebra.permute(S(2, 3), (0, 1, 2))) == "axes (0, 1, 2) don't match (2, 3)"
    )
    assert (
        reason(lambda: algebra.permute(V(2, 3, 4), (1, 0)))
        == "axes (1, 0) don't match (…, 2, 3, 4)"
    )


def test_swapaxes_and_transposes() -> None:
    assert algebra.swapaxes(S(2, 3, 4), 0, 2) == S(4, 3, 2)
    assert algebra.swapaxes(V(3, 4), -1, -2) == V(4, 3)
    assert algebra.swapaxes(V(3, 4), 0, -1) == V(U, U)
    assert algebra.swapaxes(V(3, 4), 1, 1) == V(3, 4)
    assert reason(lambda: algebra.swapaxes(S(2, 3), 0, 2)) == "axis 2 is out of bounds for rank 2"
    assert algebra.reverse_dims(S(2, 3, 4)) == S(4, 3, 2)
    assert algebra.reverse_dims(V(3)) == Shape.unknown()
    assert algebra.matrix_transpose(S(5, 2, 3)) == S(5, 3, 2)
    assert algebra.matrix_transpose(V(5)) == V(5, U)
    assert (
        reason(lambda: algebra.matrix_transpose(S(3)))
        == "matrix transpose needs rank >= 2, got (3,)"
    )


# -- reshape and friends ---------------------------------------------------------------------


def test_reshape() -> None:
    assert algebra.reshape(S(8, 3), [4, 6]) == S(4, 6)
    assert algebra.reshape(S(8, 3), [-1, 4, 2]) == S(3, 4, 2)
    assert algebra.reshape(S(6), [-2, 3]) == S(2, 3)  # NumPy takes any negative as "infer"
    assert algebra.reshape(S(B, 784), [B, 28, 28]) == S(B, 28, 28)
    assert algebra.reshape(S(B, 784), [-1, 28, 28]) == S(B, 28, 28)
    assert algebra.reshape(S(B, T, 4), [B, -1]) == S(B, T * 4)
    assert algebra.reshape(S(B, 3), [-1, 2]) == S(U, 2)  # 3*B / 2 is not provably whole
    assert algebra.reshape(S(B, 784), [B, 27, 28]) == S(B, 27, 28)  # B = 0 fits
    assert algebra.reshape(V(4), [2, 2]) == S(2, 2)
    assert algebra.reshape(S(0, 3), [3, -1]) == S(3, 0)


def test_reshape_reasons() -> None:
    assert (
        reason(lambda: algebra.reshape(S(8, 3), [5, 5]))
        == "cannot reshape (8, 3) (24 elements) into (5, 5) (25 elements)"
    )
    assert (
        reason(lambda: algebra.reshape(S(8, 3), [5, -1]))
        == "cannot reshape (8, 3) (24 elements) into (5, -1): 24 is not a multiple of 5"
    )
    assert (
        reason(lambda: algebra.reshape(S(8, 3), [-1, -1]))
        == "can only specify one unknown dimension: (-1, -1)"
    )
    assert (
        reason(lambda: algebra.reshape(S(6), [4, U]))  # 4 never divides 6, whatever U is
        == "cannot reshape (6,) (6 elements) into (4, ?): 6 is not a multiple of 4"
    )
    assert (
        reason(lambda: algebra.reshape(S(0, 3), [0, -1]))
        == "cannot reshape (0, 3) (0 elements) into (0, -1): NumPy cannot infer a size next to a 0"
    )
    with pytest.raises(ShapeError):
        algebra.reshape(S(N, 3), [N + 1, 3])  # differ by the constant 3


def test_squeeze() -> None:
    assert algebra.squeeze(S(1, 3, 1)) == S(3)
    assert algebra.squeeze(S(B, 1, 3)) == V(3)  # B may be 1
    assert algebra.squeeze(S(2, 1, 3), 1) == S(2, 3)
    assert algebra.squeeze(S(2, 1, 3), -2) == S(2, 3)
    assert algebra.squeeze(S(B, 3), 0) == S(3)  # NumPy raises unless B is 1
    assert algebra.squeeze(S(B, 3), 0, strict=False) == V(3)
    assert algebra.squeeze(S(3, 4), 0, strict=False) == S(3, 4)
    assert algebra.squeeze(S(), 0) == S()
    assert algebra.squeeze(V(1, 3), -2) == V(3)
    assert algebra.squeeze(V(1, 3), 0) == V(3)
    assert (
        reason(lambda: algebra.squeeze(S(3, 4), 0))
        == "cannot squeeze axis 0 of (3, 4): size 3 is not 1"
    )
    assert reason(lambda: algebra.squeeze(S(1, 1), (0, -2))).startswith("duplicate value in axis")
    with pytest.raises(ShapeError):
        algebra.squeeze(S(), (0,))


def test_expand_dims() -> None:
    assert algebra.expand_dims(S(3), 0) == S(1, 3)
    assert algebra.expand_dims(S(3), -1) == S(3, 1)
    assert algebra.expand_dims(S(2, 3), (0, 3)) == S(1, 2, 3, 1)
    assert algebra.expand_dims(S(), (0, 1)) == S(1, 1)
    assert algebra.expand_dims(V(4), -1) == V(4, 1)
    assert algebra.expand_dims(V(4), -2) == V(1, 4)
    assert algebra.expand_dims(V(3, 4), 0) == V(3, 4)
    assert algebra.expand_dims(V(3, 4), 1) == V(4)
    assert (
        reason(lambda: algebra.expand_dims(S(2), (0, 0)))
        == "repeated axis (0, 0) in expand_dims of (2,)"
    )
    assert reason(lambda: algebra.expand_dims(S(2), 5)) == "axis 5 is out of bounds for rank 2"


def test_reduce() -> None:
    assert algebra.reduce(S(2, 3, 4)) == S()
    assert algebra.reduce(S(2, 3, 4), keepdims=True) == S(1, 1, 1)
    assert algebra.reduce(S(2, 3, 4), (0, 2)) == S(3)
    assert algebra.reduce(S(2, 3, 4), (0, 2), keepdims=True) == S(1, 3, 1)
    assert algebra.reduce(S(), 0) == S()  # NumPy accepts axis 0 / -1 on a 0-d array
    assert algebra.reduce(V(3, 4), -1) == V(3)
    assert algebra.reduce(V(3, 4), 0) == V(4)
    assert algebra.reduce(V(3, 4), 0, keepdims=True) == V(U, 4)
    assert algebra.reduce(V(3, 4), -1, keepdims=True) == V(3, 1)
    assert reason(lambda: algebra.reduce(S(2, 3, 4), 3)) == "axis 3 is out of bounds for rank 3"
    assert reason(lambda: algebra.reduce(S(2, 3), (0, 0))) == "duplicate value in axis (0, 0)"
    assert (
        reason(lambda: algebra.reduce(S(2, 3), (0, -2)))
        == "duplicate value in axis (0, -2) for (2, 3)"
    )
    assert reason(lambda: algebra.reduce(S(), 1)) == "axis 1 is out of bounds for rank 0"


def test_flatten() -> None:
    assert algebra.flatten(S(2, 3, 4)) == S(24)
    assert algebra.flatten(S(2, 3, 4), 1) == S(2, 12)
    assert algebra.flatten(S(B, 3, 4), 1) == S(B, 12)
    assert algebra.flatten(S()) == S(1)
    assert algebra.flatten(V(3, 4), 1) == S(U, U)
    assert algebra.flatten(V(3, 4), -2) == V(12)
    assert algebra.flatten(V(2, 3, 4), 0, -2) == S(U, 4)
    assert algebra.flatten(V(3, 4), 0, 1) == Shape.unknown()
    assert algebra.flatten(V(3, 4), -5) == V(U)
    with pytest.raises(ShapeError):
        algebra.flatten(V(3, 4), -1, -2)
    assert reason(lambda: algebra.flatten(S(2, 3), 1, 0)) == (
        "flatten of (2, 3): start_dim 1 comes after end_dim 0"
    )


# -- joining ---------------------------------------------------------------------------------


def test_concatenate() -> None:
    assert algebra.concatenate([S(2, 3), S(4, 3)]) == S(6, 3)
    assert algebra.concatenate([S(B, 3), S(T, 3)]) == S(B + T, 3)
    assert algebra.concatenate([S(2, 3), S(2, 4)], -1) == S(2, 7)
    assert algebra.concatenate([S(2, 3), S(4)], None) == S(10)
    assert algebra.concatenate([V(3), V(4)], -1) == V(7)
    assert algebra.concatenate([V(3), S(2, 3)], 0) == S(U, 3)
    assert algebra.concatenate([V(2, 3), V(5, 3)], 0) == V(3)
    assert (
        reason(lambda: algebra.concatenate([S(2, 3), S(2, 4)]))
        == "cannot concatenate (2, 3), (2, 4): dim 1 differs"
    )
    assert (
        reason(lambda: algebra.concatenate([S(2, 3), S(3)]))
        == "cannot concatenate (2, 3), (3,): ranks differ"
    )
    assert reason(lambda: algebra.concatenate([])) == "need at least one array to concatenate"
    assert (
        reason(lambda: algebra.concatenate([S(), S()]))
        == "zero-dimensional arrays cannot be concatenated"
    )
    with pytest.raises(ShapeError):
        algebra.concatenate([V(2, 3), V(2, 4)], -2)


def test_stack() -> None:
    assert algebra.stack([S(2, 3), S(2, 3)]) == S(2, 2, 3)
    assert algebra.stack([S(2, 3), S(2, 3)], 1) == S(2, 2, 3)
    assert algebra.stack([S(2, 3)] * 3, -1) == S(2, 3, 3)
    assert algebra.stack([S(B, 3), S(U, 3)]) == S(2, B, 3)
    assert algebra.stack([V(3), V(4, 3)], -1) == V(4, 3, 2)
    assert algebra.stack([S(), S()]) == S(2)
    assert algebra.stack([V(3), V(3)], 0) == V(3)  # the new axis is somewhere in front
    assert (
        reason(lambda: algebra.stack([S(2, 3), S(3, 2)]))
        == "cannot stack (2, 3), (3, 2): dim 0 differs"
    )
    assert reason(lambda: algebra.stack([])) == "need at least one array to stack"
    with pytest.raises(ShapeError):
        algebra.stack([S(1), S(3)])  # no broadcasting in stack
