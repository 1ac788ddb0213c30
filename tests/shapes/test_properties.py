"""The algebra against NumPy, on generated shapes.

Agreement: on concrete shapes every rule returns NumPy's result shape and raises exactly
when NumPy raises (NumPy runs on zero-stride stand-ins, so nothing large is allocated).

Soundness: a case NumPy accepts stays accepted when some of its dims are replaced by
unknown or symbolic dims, or a prefix of its dims by a variadic prefix, and what the
algebra then still claims about the result holds for the concrete result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import assume, event, given
from hypothesis import strategies as st

from shapelint.shapes import algebra, indexing
from shapelint.shapes.indexing import ArrayIndex, BoolIndex, Slice
from shapelint.shapes.shape import Dim, Shape, ShapeError

# -- running both sides ---------------------------------------------------------------------

Concrete = tuple[int, ...]


def standin(dims: Concrete) -> np.ndarray:
    return np.broadcast_to(np.zeros((), np.bool_), dims)


def numpy_shape(run: Callable[[], Any]) -> Concrete | None:
    """NumPy's result shape, or None when NumPy raises."""
    try:
        result = run()
    except (ValueError, IndexError, TypeError, np.exceptions.AxisError):
        return None
    return tuple(np.shape(result)) if not isinstance(result, np.broadcast) else result.shape


def algebra_shape(run: Callable[[], Shape]) -> Shape | None:
    try:
        return run()
    except ShapeError:
        return None


def S(dims: Concrete) -> Shape:
    return Shape.of(*dims)


def agree(expected: Concrete | None, got: Shape | None, exact: bool = True) -> None:
    event("NumPy raises" if expected is None else "NumPy accepts")
    if expected is None:
        assert got is None, f"NumPy raises but the algebra returns {got}"
        return
    assert got is not None, f"NumPy returns {expected} but the algebra raises"
    if exact:
        assert got.concrete() == expected, f"NumPy {expected} vs algebra {got}"
    else:
        assert consistent(got, expected, {}), f"NumPy {expected} vs algebra {got}"


# -- abstraction: generalising a concrete case ---------------------------------------------


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


def consistent(abstract: Shape, concrete: Concrete, env: dict[str, int]) -> bool:
    """Everything ``abstract`` claims holds for ``concrete``."""
    if abstract.variadic:
        if len(abstract.dims) > len(concrete):
            return False
        tail = concrete[len(concrete) - len(abstract.dims) :]
    else:
        if len(abstract.dims) != len(concrete):
            return False
        tail = concrete
    for d, value in zip(abstract.dims, tail, strict=True):
        known = evaluate(d, env)
        if known is not None and known != value:
            return False
    return True


DIM_KINDS = st.sampled_from(["keep", "keep", "unknown", "fresh", "shared"])


@st.composite
def generalise(draw: st.DrawFn, dims: Concrete, env: dict[str, int], prefix: bool = True) -> Shape:
    """A shape of which ``dims`` is one instance; symbols are recorded in ``env``."""
    out: list[Dim] = []
    for value in dims:
        kind = draw(DIM_KINDS)
        if kind == "unknown":
            out.append(Dim.unknown())
        elif kind == "fresh":
            name = f"f{len(env)}"
            env[name] = value
            out.append(Dim.sym(name))
        elif kind == "shared":
            env[f"v{value}"] = value
            out.append(Dim.sym(f"v{value}"))
        else:
            out.append(Dim.of(value))
    if prefix and draw(st.integers(0, 3)) == 0:
        cut = draw(st.integers(0, len(out)))
        return Shape(tuple(out[cut:]), True)
    return Shape(tuple(out))


def sound(expected: Concrete | None, run: Callable[[], Shape], env: dict[str, int]) -> None:
    """If the concrete case succeeds, the generalised one must not raise, and its result
    must hold for the concrete result."""
    if expected is None:
        return
    try:
        got = run()
        event("generalised result has unknowns" if not got.is_concrete else "stays concrete")
    except ShapeError as error:
        raise AssertionError(f"raised {error.reason!r} but NumPy returns {expected}") from None
    assert consistent(got, expected, env), f"claims {got}, NumPy returns {expected}"


# -- strategies ------------------------------------------------------------------------------

DIM = st.one_of(st.sampled_from([1, 2, 3]), st.integers(0, 6))
SHAPE = st.lists(DIM, min_size=0, max_size=5).map(tuple)
AXIS = st.integers(-6, 6)


@st.composite
def related(draw: st.DrawFn, base: Concrete) -> Concrete:
    """A shape biased to fit with ``base``: a suffix, some dims set to 1, sometimes one
    dim changed, sometimes extra leading dims."""
    dims = list(base[draw(st.integers(0, len(base))) :])
    for k in range(len(dims)):
        if draw(st.integers(0, 3)) == 0:
            dims[k] = 1
    if dims and draw(st.integers(0, 5)) == 0:
        dims[draw(st.integers(0, len(dims) - 1))] = draw(DIM)
    if draw(st.integers(0, 4)) == 0:
        dims = draw(st.lists(DIM, max_size=2)) + dims
    return tuple(dims)


@st.composite
def broadcast_case(draw: st.DrawFn) -> list[Concrete]:
    base = draw(SHAPE)
    count = draw(st.integers(1, 3))
    return [
        draw(st.one_of(related(base), SHAPE)) if draw(st.booleans()) else draw(related(base))
        for _ in range(count)
    ]


@st.composite
def product_pair(draw: st.DrawFn) -> tuple[Concrete, Concrete]:
    """Operand pairs for matmul / dot: mostly with a shared inner dim."""
    inner = draw(DIM)
    a = draw(st.lists(DIM, max_size=3)) + [inner]
    b_rank = draw(st.integers(1, 4))
    b = (
        [inner]
        if b_rank == 1
        else draw(st.lists(DIM, min_size=b_rank - 2, max_size=b_rank - 2)) + [inner, draw(DIM)]
    )
    if draw(st.integers(0, 4)) == 0:
        return draw(SHAPE), draw(SHAPE)
    if len(a) > 2 and len(b) > 2 and draw(st.booleans()):
        b[: len(b) - 2] = list(draw(related(tuple(a[:-2]))))[: len(b) - 2]
    return tuple(a), tuple(b)


SUBSCRIPT_LETTERS = "abcdAB"


@st.composite
def einsum_case(draw: st.DrawFn) -> tuple[str, list[Concrete]]:
    if draw(st.integers(0, 9)) == 0:  # malformed or odd strings
        text = draw(st.text(alphabet="ab.,->A 1", max_size=10))
        shapes = draw(st.lists(SHAPE, min_size=1, max_size=2))
        return text, shapes
    sizes = {c: draw(st.integers(0, 4)) for c in SUBSCRIPT_LETTERS}
    ellipsis_dims = draw(st.lists(st.integers(0, 3), max_size=2))
    terms: list[str] = []
    shapes: list[Concrete] = []
    for _ in range(draw(st.integers(1, 3))):
        letters = draw(st.lists(st.sampled_from(SUBSCRIPT_LETTERS), max_size=4))
        use_ellipsis = draw(st.integers(0, 3)) == 0
        at = draw(st.integers(0, len(letters)))
        dims = [
            sizes[c] if draw(st.integers(0, 7)) else draw(st.sampled_from([1, 2, 5]))
            for c in letters
        ]
        if use_ellipsis:
            own = list(ellipsis_dims[draw(st.integers(0, len(ellipsis_dims))) :])
            own = [1 if draw(st.integers(0, 3)) == 0 else d for d in own]
            term = "".join(letters[:at]) + "..." + "".join(letters[at:])
            dims = dims[:at] + own + dims[at:]
        else:
            term = "".join(letters)
        if draw(st.integers(0, 9)) == 0:
            dims = dims[1:] if dims and draw(st.booleans()) else dims + [2]
        terms.append(term)
        shapes.append(tuple(dims))
    text = ",".join(terms)
    if draw(st.booleans()):
        used = sorted({c for t in terms for c in t if c.isalpha()})
        out = draw(st.permutations(used)) if used else []
        out = list(out[: draw(st.integers(0, len(out)))])
        if draw(st.integers(0, 2)) == 0:
            out.insert(draw(st.integers(0, len(out))), "...")
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(SUBSCRIPT_LETTERS)))
        text += "->" + "".join(out)
    return text, shapes


@st.composite
def reshape_case(draw: st.DrawFn) -> tuple[Concrete, list[int]]:
    dims = draw(SHAPE)
    if draw(st.booleans()):
        target = list(draw(st.permutations(dims)))
        if len(target) >= 2 and draw(st.booleans()):
            target = [target[0] * target[1]] + target[2:]
    else:
        target = draw(st.lists(DIM, max_size=4))
    if target and draw(st.booleans()):
        target[draw(st.integers(0, len(target) - 1))] = -1
    if draw(st.integers(0, 9)) == 0:
        target.append(draw(st.sampled_from([-1, -2])))
    return dims, target


@st.composite
def join_case(draw: st.DrawFn) -> tuple[list[Concrete], int]:
    base = draw(SHAPE)
    axis = draw(st.integers(-4, 4))
    shapes = []
    for _ in range(draw(st.integers(1, 3))):
        dims = list(base)
        if dims and draw(st.booleans()):
            dims[draw(st.integers(0, len(dims) - 1))] = draw(DIM)
        if draw(st.integers(0, 9)) == 0:
            dims = list(draw(SHAPE))
        shapes.append(tuple(dims))
    return shapes, axis


SLICE_BOUND = st.one_of(st.none(), st.integers(-7, 7))
SLICE = st.builds(
    Slice, SLICE_BOUND, SLICE_BOUND, st.one_of(st.none(), st.sampled_from([1, 2, 3, -1, -2, 0]))
)


@st.composite
def index_key(draw: st.DrawFn, with_arrays: bool) -> list[object]:
    choices = [st.integers(-7, 7), SLICE, st.none(), st.just(Ellipsis)]
    if with_arrays:
        choices.append(st.builds(ArrayIndex, st.lists(st.integers(0, 3), max_size=2).map(S)))
    key = draw(st.lists(st.one_of(*choices), max_size=5))
    if draw(st.integers(0, 3)) and key.count(Ellipsis) > 1:
        first = key.index(Ellipsis)
        key = key[: first + 1] + [k for k in key[first + 1 :] if k is not Ellipsis]
    return key


def numpy_key(key: list[object]) -> tuple[object, ...]:
    out: list[object] = []
    for item in key:
        if isinstance(item, Slice):
            out.append(slice(item.start, item.stop, item.step))
        elif isinstance(item, (ArrayIndex, BoolIndex)):
            dtype = np.bool_ if isinstance(item, BoolIndex) else np.intp
            out.append(np.zeros(item.shape.concrete(), dtype))
        else:
            out.append(item)
    return tuple(out)


# -- agreement with NumPy on concrete shapes -------------------------------------------------


@given(broadcast_case())
def test_broadcast(shapes: list[Concrete]) -> None:
    expected = numpy_shape(lambda: np.broadcast(*[standin(s) for s in shapes]))
    agree(expected, algebra_shape(lambda: algebra.broadcast(*[S(s) for s in shapes])))


@given(product_pair())
def test_matmul(pair: tuple[Concrete, Concrete]) -> None:
    a, b = pair
    expected = numpy_shape(lambda: np.matmul(standin(a), standin(b)))
    agree(expected, algebra_shape(lambda: algebra.matmul(S(a), S(b))))


@given(product_pair())
def test_dot(pair: tuple[Concrete, Concrete]) -> None:
    a, b = pair
    expected = numpy_shape(lambda: np.dot(standin(a), standin(b)))
    agree(expected, algebra_shape(lambda: algebra.dot(S(a), S(b))))


TENSORDOT_AXES = st.one_of(
    st.integers(-1, 4),
    st.tuples(
        st.lists(st.integers(-4, 4), max_size=3).map(tuple),
        st.lists(st.integers(-4, 4), max_size=3).map(tuple),
    ),
    st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
)


@st.composite
def tensordot_case(draw: st.DrawFn) -> tuple[Concrete, Concrete, Any]:
    a = draw(SHAPE)
    axes = draw(TENSORDOT_AXES)
    if draw(st.booleans()) and isinstance(axes, int) and 0 <= axes <= len(a):
        shared = list(a[len(a) - axes :])
        b = tuple(shared) + tuple(draw(st.lists(DIM, max_size=2)))
    else:
        b = draw(st.one_of(SHAPE, st.just(tuple(reversed(a)))))
    return a, b, axes


@given(tensordot_case())
def test_tensordot(case: tuple[Concrete, Concrete, Any]) -> None:
    a, b, axes = case
    expected = numpy_shape(lambda: np.tensordot(standin(a), standin(b), axes))
    agree(expected, algebra_shape(lambda: algebra.tensordot(S(a), S(b), axes)))


@given(einsum_case())
def test_einsum(case: tuple[str, list[Concrete]]) -> None:
    text, shapes = case
    expected = numpy_shape(lambda: np.einsum(text, *[standin(s) for s in shapes]))
    agree(expected, algebra_shape(lambda: algebra.einsum(text, *[S(s) for s in shapes])))


@given(reshape_case())
def test_reshape(case: tuple[Concrete, list[int]]) -> None:
    dims, target = case
    expected = numpy_shape(lambda: np.reshape(standin(dims), target))
    agree(expected, algebra_shape(lambda: algebra.reshape(S(dims), target)))


PERMUTATION = st.one_of(st.none(), st.lists(st.integers(-5, 5), max_size=5).map(tuple))


@given(SHAPE, PERMUTATION, st.data())
def test_permute(dims: Concrete, axes: tuple[int, ...] | None, data: st.DataObject) -> None:
    if axes is not None and data.draw(st.booleans()):
        order = data.draw(st.permutations(range(len(dims))))
        axes = tuple(x - len(dims) * data.draw(st.integers(0, 1)) for x in order)
    expected = numpy_shape(lambda: np.transpose(standin(dims), axes))
    agree(expected, algebra_shape(lambda: algebra.permute(S(dims), axes)))


@given(SHAPE)
def test_reverse_dims(dims: Concrete) -> None:
    assert algebra.reverse_dims(S(dims)).concrete() == standin(dims).T.shape


@given(SHAPE, AXIS, AXIS)
def test_swapaxes(dims: Concrete, i: int, j: int) -> None:
    expected = numpy_shape(lambda: np.swapaxes(standin(dims), i, j))
    agree(expected, algebra_shape(lambda: algebra.swapaxes(S(dims), i, j)))


@given(SHAPE)
def test_matrix_transpose(dims: Concrete) -> None:
    expected = numpy_shape(lambda: np.matrix_transpose(standin(dims)))
    agree(expected, algebra_shape(lambda: algebra.matrix_transpose(S(dims))))


AXES = st.one_of(st.none(), AXIS, st.lists(AXIS, max_size=3).map(tuple))


@given(st.lists(st.sampled_from([1, 1, 2, 0]), max_size=5).map(tuple), AXES)
def test_squeeze(dims: Concrete, axis: int | tuple[int, ...] | None) -> None:
    expected = numpy_shape(lambda: np.squeeze(standin(dims), axis))
    agree(expected, algebra_shape(lambda: algebra.squeeze(S(dims), axis)))


@given(SHAPE, st.one_of(AXIS, st.lists(AXIS, max_size=3).map(tuple)))
def test_expand_dims(dims: Concrete, axis: int | tuple[int, ...]) -> None:
    expected = numpy_shape(lambda: np.expand_dims(standin(dims), axis))
    agree(expected, algebra_shape(lambda: algebra.expand_dims(S(dims), axis)))


@given(SHAPE, AXES, st.booleans())
def test_reduce(dims: Concrete, axis: int | tuple[int, ...] | None, keepdims: bool) -> None:
    expected = numpy_shape(lambda: np.sum(standin(dims), axis=axis, keepdims=keepdims))
    agree(expected, algebra_shape(lambda: algebra.reduce(S(dims), axis, keepdims)))


@given(join_case(), st.booleans())
def test_concatenate(case: tuple[list[Concrete], int], flat: bool) -> None:
    shapes, axis = case
    where = None if flat else axis
    expected = numpy_shape(lambda: np.concatenate([standin(s) for s in shapes], axis=where))
    agree(expected, algebra_shape(lambda: algebra.concatenate([S(s) for s in shapes], where)))


@given(join_case())
def test_stack(case: tuple[list[Concrete], int]) -> None:
    shapes, axis = case
    expected = numpy_shape(lambda: np.stack([standin(s) for s in shapes], axis=axis))
    agree(expected, algebra_shape(lambda: algebra.stack([S(s) for s in shapes], axis)))


@given(SHAPE, index_key(with_arrays=False))
def test_index_basic(dims: Concrete, key: list[object]) -> None:
    expected = numpy_shape(lambda: standin(dims)[numpy_key(key)])
    agree(expected, algebra_shape(lambda: indexing.index(S(dims), key)))


@given(SHAPE, index_key(with_arrays=True))
def test_index_advanced(dims: Concrete, key: list[object]) -> None:
    expected = numpy_shape(lambda: standin(dims)[numpy_key(key)])
    agree(expected, algebra_shape(lambda: indexing.index(S(dims), key)))


@given(SHAPE, st.data())
def test_index_bool_mask(dims: Concrete, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(dims)))
    mask = list(dims[start : start + data.draw(st.integers(0, 2))])
    if mask and data.draw(st.integers(0, 3)) == 0:
        mask[0] += 1
    key: list[object] = [Slice()] * start + [BoolIndex(S(tuple(mask)))]
    if data.draw(st.booleans()):
        key.append(data.draw(st.integers(-2, 2)))
    expected = numpy_shape(lambda: standin(dims)[numpy_key(key)])
    agree(expected, algebra_shape(lambda: indexing.index(S(dims), key)), exact=False)


# -- soundness with symbolic, unknown and variadic dims -------------------------------------


@given(broadcast_case(), st.data())
def test_broadcast_sound(shapes: list[Concrete], data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.broadcast(*[standin(s) for s in shapes]))
    assume(expected is not None)
    env: dict[str, int] = {}
    abstract = [data.draw(generalise(s, env)) for s in shapes]
    sound(expected, lambda: algebra.broadcast(*abstract), env)


@given(product_pair(), st.data())
def test_matmul_sound(pair: tuple[Concrete, Concrete], data: st.DataObject) -> None:
    a, b = pair
    expected = numpy_shape(lambda: np.matmul(standin(a), standin(b)))
    assume(expected is not None)
    env: dict[str, int] = {}
    x, y = data.draw(generalise(a, env)), data.draw(generalise(b, env))
    sound(expected, lambda: algebra.matmul(x, y), env)


@given(product_pair(), st.data())
def test_dot_sound(pair: tuple[Concrete, Concrete], data: st.DataObject) -> None:
    a, b = pair
    expected = numpy_shape(lambda: np.dot(standin(a), standin(b)))
    assume(expected is not None)
    env: dict[str, int] = {}
    x, y = data.draw(generalise(a, env)), data.draw(generalise(b, env))
    sound(expected, lambda: algebra.dot(x, y), env)


@given(tensordot_case(), st.data())
def test_tensordot_sound(case: tuple[Concrete, Concrete, Any], data: st.DataObject) -> None:
    a, b, axes = case
    expected = numpy_shape(lambda: np.tensordot(standin(a), standin(b), axes))
    assume(expected is not None)
    env: dict[str, int] = {}
    x, y = data.draw(generalise(a, env)), data.draw(generalise(b, env))
    sound(expected, lambda: algebra.tensordot(x, y, axes), env)


@given(einsum_case(), st.data())
def test_einsum_sound(case: tuple[str, list[Concrete]], data: st.DataObject) -> None:
    text, shapes = case
    expected = numpy_shape(lambda: np.einsum(text, *[standin(s) for s in shapes]))
    assume(expected is not None)
    env: dict[str, int] = {}
    abstract = [data.draw(generalise(s, env)) for s in shapes]
    sound(expected, lambda: algebra.einsum(text, *abstract), env)


@given(reshape_case(), st.data())
def test_reshape_sound(case: tuple[Concrete, list[int]], data: st.DataObject) -> None:
    dims, target = case
    expected = numpy_shape(lambda: np.reshape(standin(dims), target))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    new: list[Dim | int] = []
    for value in target:
        if value < 0:
            new.append(data.draw(st.sampled_from([value, Dim.unknown()])))
        else:
            new.append(data.draw(generalise((value,), env, prefix=False)).dims[0])
    sound(expected, lambda: algebra.reshape(x, new), env)


@given(SHAPE, PERMUTATION, st.data())
def test_permute_sound(dims: Concrete, axes: tuple[int, ...] | None, data: st.DataObject) -> None:
    if axes is not None and data.draw(st.booleans()):
        axes = tuple(data.draw(st.permutations(range(len(dims)))))
    expected = numpy_shape(lambda: np.transpose(standin(dims), axes))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.permute(x, axes), env)


@given(SHAPE, AXIS, AXIS, st.data())
def test_swapaxes_sound(dims: Concrete, i: int, j: int, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.swapaxes(standin(dims), i, j))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.swapaxes(x, i, j), env)
    sound(standin(dims).T.shape, lambda: algebra.reverse_dims(x), env)


@given(SHAPE, st.data())
def test_matrix_transpose_sound(dims: Concrete, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.matrix_transpose(standin(dims)))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.matrix_transpose(x), env)


@given(st.lists(st.sampled_from([1, 1, 2, 0]), max_size=5).map(tuple), AXES, st.data())
def test_squeeze_sound(dims: Concrete, axis: Any, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.squeeze(standin(dims), axis))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.squeeze(x, axis), env)


@given(SHAPE, st.one_of(AXIS, st.lists(AXIS, max_size=3).map(tuple)), st.data())
def test_expand_dims_sound(dims: Concrete, axis: Any, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.expand_dims(standin(dims), axis))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.expand_dims(x, axis), env)


@given(SHAPE, AXES, st.booleans(), st.data())
def test_reduce_sound(dims: Concrete, axis: Any, keepdims: bool, data: st.DataObject) -> None:
    expected = numpy_shape(lambda: np.sum(standin(dims), axis=axis, keepdims=keepdims))
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.reduce(x, axis, keepdims), env)


@given(join_case(), st.booleans(), st.data())
def test_concatenate_sound(
    case: tuple[list[Concrete], int], flat: bool, data: st.DataObject
) -> None:
    shapes, axis = case
    where = None if flat else axis
    expected = numpy_shape(lambda: np.concatenate([standin(s) for s in shapes], axis=where))
    assume(expected is not None)
    env: dict[str, int] = {}
    abstract = [data.draw(generalise(s, env)) for s in shapes]
    sound(expected, lambda: algebra.concatenate(abstract, where), env)


@given(join_case(), st.data())
def test_stack_sound(case: tuple[list[Concrete], int], data: st.DataObject) -> None:
    shapes, axis = case
    expected = numpy_shape(lambda: np.stack([standin(s) for s in shapes], axis=axis))
    assume(expected is not None)
    env: dict[str, int] = {}
    abstract = [data.draw(generalise(s, env)) for s in shapes]
    sound(expected, lambda: algebra.stack(abstract, axis), env)


@given(SHAPE, index_key(with_arrays=True), st.data())
def test_index_sound(dims: Concrete, key: list[object], data: st.DataObject) -> None:
    expected = numpy_shape(lambda: standin(dims)[numpy_key(key)])
    assume(expected is not None)
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: indexing.index(x, key), env)


@given(SHAPE, st.integers(-3, 3), st.integers(-3, 3), st.data())
def test_flatten_sound(dims: Concrete, start: int, end: int, data: st.DataObject) -> None:
    """torch.flatten, modelled with NumPy: merge dims start..end (0-d gives (1,))."""
    full = dims or (1,)
    try:
        s = range(len(full))[start]
        e = range(len(full))[end]
    except IndexError:
        s, e = 1, 0
    if not dims and (start not in (0, -1) or end not in (0, -1)):
        s, e = 1, 0
    expected = None if s > e else full[:s] + (int(np.prod(full[s : e + 1])),) + full[e + 1 :]
    agree(expected, algebra_shape(lambda: algebra.flatten(S(dims), start, end)))
    env: dict[str, int] = {}
    x = data.draw(generalise(dims, env))
    sound(expected, lambda: algebra.flatten(x, start, end), env)
