"""Unit tests of Dim and Shape: arithmetic, three-valued comparison, joins, printing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, join, join_dims

B, T, N = Dim.sym("B"), Dim.sym("T"), Dim.sym("n")
U = Dim.unknown()


def test_dim_kinds() -> None:
    assert Dim.of(3).value == 3 and Dim.of(3).is_known and not Dim.of(3).is_symbolic
    assert Dim.of(0).value == 0 and Dim.of(0).terms == ()
    assert B.value is None and B.is_symbolic and not B.is_known and not B.is_unknown
    assert U.is_unknown and not U.is_symbolic and U.value is None
    assert Dim.coerce(None) is UNKNOWN_DIM
    assert Dim.coerce(4) == Dim.of(4)
    assert Dim.coerce(B) is B
    assert (B * T + 1).names() == {"B", "T"}


def test_arithmetic() -> None:
    assert B + 0 == B
    assert (B + 1) - 1 == B
    assert 2 + B == B + 2
    assert 10 - B == Dim.of(10) - B
    assert B * 3 * T == 3 * (T * B)
    assert (B + 1) * (B - 1) == B * B - 1
    assert B - B == Dim.of(0)
    assert (B + U).is_unknown and (U * 2).is_unknown


def test_floordiv_exact_or_unknown() -> None:
    assert Dim.of(7) // 2 == Dim.of(3)
    assert (Dim.of(7) // 0).is_unknown
    assert (B * 4 + 8) // 4 == B + 2
    assert (B * 3) // 2 == U  # not provably whole
    assert (B * T) // T == B
    assert (B * T * 6) // (B * T * 6) == Dim.of(1)
    assert (B * T + B) // T == U
    assert (B * T * T) // (T * T) == B
    assert (B // (B + 1)).is_unknown


def test_equals_is_three_valued() -> None:
    assert Dim.of(3).equals(3) is True
    assert Dim.of(3).equals(4) is False
    assert B.equals(B) is True
    assert B.equals(3) is None
    assert N.equals(N + 1) is False  # differ by a constant, whatever n is
    assert (B * 2).equals(B) is None  # equal when B is 0
    assert B.equals(T) is None
    assert U.equals(U) is None
    assert U.equals(3) is None
    assert Dim.of(1).is_one() is True and Dim.of(2).is_one() is False and B.is_one() is None


def test_dim_str() -> None:
    assert str(Dim.of(3)) == "3"
    assert str(Dim.of(0)) == "0"
    assert str(Dim.of(-2)) == "-2"
    assert str(U) == "?"
    assert str(N + 1) == "n+1"
    assert str(N - 1) == "n-1"
    assert str(B * T) == "B*T"
    assert str(B * 2) == "2*B"
    assert str(3 - N) == "-n+3"
    assert str(B * T + B) == "B*T+B"
    assert repr(B) == "Dim(B)"


def test_shape_basics() -> None:
    s = Shape.of(2, B, None)
    assert s.rank == 3 and s.min_rank == 3 and len(s) == 3
    assert list(s) == [Dim.of(2), B, U]
    assert not s.is_concrete and s.concrete() is None
    assert Shape.of(2, 3).concrete() == (2, 3)
    assert Shape.of().concrete() == () and Shape.of().numel() == Dim.of(1)
    assert Shape.of(2, B).numel() == B * 2
    assert UNKNOWN_SHAPE.is_unknown and UNKNOWN_SHAPE.rank is None
    assert Shape.unknown() is UNKNOWN_SHAPE
    assert Shape.unknown_rank(2) == Shape.of(None, None)
    v = Shape.from_dims([3, 4], variadic=True)
    assert v.rank is None and v.min_rank == 2 and not v.is_unknown
    assert v.numel().is_unknown and v.concrete() is None


def test_shape_indexing() -> None:
    s = Shape.of(2, 3, 4)
    assert s[0] == Dim.of(2) and s[-1] == Dim.of(4) and s[-3] == Dim.of(2)
    assert s[3].is_unknown and s[-4].is_unknown
    v = Shape.from_dims([3, 4], variadic=True)
    assert v[-1] == Dim.of(4) and v[-2] == Dim.of(3)
    assert v[-3].is_unknown
    assert v[0].is_unknown  # which dim is first depends on the unknown prefix


def test_shape_equals() -> None:
    assert Shape.of(2, 3).equals(Shape.of(2, 3)) is True
    assert Shape.of(2, 3).equals(Shape.of(2, 4)) is False
    assert Shape.of(2, 3).equals(Shape.of(2, 3, 1)) is False
    assert Shape.of(B, 3).equals(Shape.of(2, 3)) is None
    v = Shape.from_dims([3], variadic=True)
    assert v.equals(Shape.of(2, 3)) is None
    assert v.equals(Shape.of(2, 4)) is False
    assert Shape.from_dims([2, 3, 4], variadic=True).equals(Shape.of(3, 4)) is False
    assert UNKNOWN_SHAPE.equals(Shape.of()) is None


def test_shape_str() -> None:
    assert str(Shape.of()) == "()"
    assert str(Shape.of(3)) == "(3,)"
    assert str(Shape.of(B, 3)) == "(B, 3)"
    assert str(Shape.from_dims([3], variadic=True)) == "(…, 3)"
    assert str(UNKNOWN_SHAPE) == "(…)"
    assert repr(Shape.of(2, None)) == "Shape(2, ?)"


def test_join() -> None:
    assert join_dims(B, B) == B
    assert join_dims(Dim.of(3), Dim.of(4)).is_unknown
    assert join_dims(U, U).is_unknown
    assert join(Shape.of(2, 3), Shape.of(2, 3)) == Shape.of(2, 3)
    assert join(Shape.of(2, 3), Shape.of(2, 4)) == Shape.of(2, None)
    assert join(Shape.of(3), Shape.of(2, 3)) == Shape.from_dims([3], variadic=True)
    assert join(Shape.of(3), UNKNOWN_SHAPE) == UNKNOWN_SHAPE


SMALL_DIM = st.one_of(
    st.integers(0, 5).map(Dim.of), st.sampled_from([B, T, N, N + 1, B * T]), st.just(U)
)
VALUES = st.fixed_dictionaries(
    {"B": st.integers(0, 5), "T": st.integers(0, 5), "n": st.integers(0, 5)}
)


def evaluate(d: Dim, env: dict[str, int]) -> int | None:
    if d.terms is None:
        return None
    total = 0
    for monomial, coefficient in d.terms:
        product = coefficient
        for name in monomial:
            product *= env[name]
        total += product
    return total


@given(SMALL_DIM, SMALL_DIM, VALUES)
def test_equals_holds_for_every_value(a: Dim, b: Dim, env: dict[str, int]) -> None:
    """A True or False verdict holds for every value of the symbols; arithmetic evaluates
    like integers."""
    x, y = evaluate(a, env), evaluate(b, env)
    verdict = a.equals(b)
    if verdict is not None:
        assert x is not None and y is not None
        assert (x == y) is verdict
    if x is not None and y is not None:
        assert evaluate(a + b, env) == x + y
        assert evaluate(a - b, env) == x - y
        assert evaluate(a * b, env) == x * y
        quotient = evaluate(a // b, env)
        if quotient is not None and y != 0:
            assert quotient * y == x or a.is_known  # exact unless plain ints floor-divide
            if a.is_known and b.is_known:
                assert quotient == x // y


@given(st.lists(SMALL_DIM, max_size=4), st.lists(SMALL_DIM, max_size=4), VALUES)
def test_join_holds_on_both_paths(a: list[Dim], b: list[Dim], env: dict[str, int]) -> None:
    left, right = Shape(tuple(a)), Shape(tuple(b))
    joined = join(left, right)
    for side in (left, right):
        concrete = [evaluate(d, env) for d in side.dims]
        tail = concrete[len(concrete) - len(joined.dims) :] if joined.variadic else concrete
        assert len(joined.dims) <= len(concrete)
        assert joined.variadic or len(joined.dims) == len(concrete)
        for d, value in zip(joined.dims, tail, strict=True):
            known = evaluate(d, env)
            assert known is None or value is None or known == value


def test_a_huge_size_prints_short() -> None:
    assert str(Dim.of(2**10000)) == "<3011-digit size>"
    assert str(Shape.of(2**62, 3)) == "(4611686018427387904, 3)"
