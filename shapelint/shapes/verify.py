"""NumPy as the judge at lint time.

Before SHP001 reports that an op raises, the op is run by NumPy on zero-stride stand-ins
(``np.broadcast_to(np.zeros((), np.bool_), shape)``: one byte whatever the shape). If NumPy
accepts the call, the algebra was wrong and the finding is dropped. Sizes are checked
*before* NumPy runs, so nothing large is ever allocated or computed: a case over the caps
cannot be judged (None). The judge never raises.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from shapelint.shapes.indexing import ArrayIndex, BoolIndex, Slice
from shapelint.shapes.shape import Dim, Shape

MAX_ELEMENTS = 1_000_000  # any operand or result
MAX_WORK = 10_000_000  # multiply-adds of a product
MAX_DIM = 2**31
MAX_RANK = 32
MAX_OPERANDS = 32

Thunk = Callable[[], object]


class _CannotJudge(Exception):
    """The case is outside what the judge runs: not concrete, too large, malformed."""


def confirms_failure(op: str, args: tuple[Any, ...]) -> bool | None:
    """True if NumPy raises on ``op(*args)``, False if it succeeds, None if the case
    cannot be judged (unknown op, a non-concrete shape, over the size caps)."""
    try:
        prepare = _TABLE.get(op) if isinstance(op, str) else None
        if prepare is None:
            return None
        thunk = prepare(*args)
    except Exception:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            thunk()
    except (ValueError, IndexError, TypeError, np.exceptions.AxisError):
        return True
    except Exception:
        return None
    return False


# -- argument conversion ----------------------------------------------------------------


def _int(value: object) -> int:
    if isinstance(value, Dim):
        value = value.value
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise _CannotJudge
    result = int(value)
    if abs(result) >= MAX_DIM:
        raise _CannotJudge
    return result


def _ints(values: object) -> tuple[int, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise _CannotJudge
    if len(values) > MAX_RANK:
        raise _CannotJudge
    return tuple(_int(v) for v in values)


def _axis(value: object) -> int | tuple[int, ...] | None:
    if value is None:
        return None
    if isinstance(value, (int, np.integer, Dim)) and not isinstance(value, bool):
        return _int(value)
    return _ints(value)


def _concrete(shape: object, capped: bool = True) -> tuple[int, ...]:
    if not isinstance(shape, Shape):
        raise _CannotJudge
    dims = shape.concrete()
    if dims is None or len(dims) > MAX_RANK or any(d < 0 or d >= MAX_DIM for d in dims):
        raise _CannotJudge
    if capped and math.prod(dims) > MAX_ELEMENTS:
        raise _CannotJudge
    return dims


def _shapes(values: object, capped: bool = True) -> list[tuple[int, ...]]:
    """Concrete operand shapes; ``capped`` bounds their total size (a relabelled op
    checks its own caps after shrinking)."""
    if not isinstance(values, Sequence) or len(values) > MAX_OPERANDS:
        raise _CannotJudge
    shapes = [_concrete(v, capped) for v in values]
    if capped and sum(math.prod(s) for s in shapes) > MAX_ELEMENTS:
        raise _CannotJudge
    return shapes


def _relabel(shapes: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """The same shapes with every size other than 0 and 1 replaced by a small one, keeping
    which sizes are equal. Products, einsum and broadcasting accept or refuse shapes by
    those equalities alone, so the small case has the same verdict at a fraction of the
    work."""
    sizes = sorted({d for s in shapes for d in s if d > 1})
    small = {d: k + 2 for k, d in enumerate(sizes)}
    return [tuple(small.get(d, d) for d in s) for s in shapes]


def _standin(dims: tuple[int, ...]) -> np.ndarray:
    return np.broadcast_to(np.zeros((), np.bool_), dims)


def _cap(elements: int, work: int = 0) -> None:
    if elements > MAX_ELEMENTS or work > MAX_WORK:
        raise _CannotJudge


def _bound(dims: Sequence[int]) -> int:
    """Elements of ``dims`` counting a 0 as 1: a bound that a 0 elsewhere cannot hide."""
    return math.prod(max(d, 1) for d in dims)


def _widest(shapes: Sequence[tuple[int, ...]]) -> list[int]:
    """Per axis (aligned right) the largest dim: a bound on a broadcast result."""
    length = max((len(s) for s in shapes), default=0)
    return [max((s[-k] for s in shapes if len(s) >= k), default=1) for k in range(length, 0, -1)]


# -- one preparer per op: check sizes, then return the call to run ----------------------


def _broadcast(*shapes: object) -> Thunk:
    dims = _shapes(shapes)
    if not dims:
        raise _CannotJudge
    _cap(_bound(_widest(dims)))
    arrays = [_standin(s) for s in dims]
    return lambda: np.broadcast(*arrays)


def _product_cap(out: Sequence[int], inner: int) -> None:
    size = math.prod(out)
    _cap(size, size * max(inner, 1))


def _matmul(a: object, b: object) -> Thunk:
    sa, sb = _relabel(_shapes((a, b), capped=False))
    if sa and sb:
        rows = sa[-2] if len(sa) >= 2 else 1
        cols = sb[-1] if len(sb) >= 2 else 1
        _product_cap(_widest([sa[:-2], sb[:-2]]) + [rows, cols], sa[-1])
    x, y = _standin(sa), _standin(sb)
    return lambda: np.matmul(x, y)


def _dot(a: object, b: object) -> Thunk:
    sa, sb = _relabel(_shapes((a, b), capped=False))
    if sa and sb:
        out = list(sa[:-1]) + (list(sb[:-2]) + list(sb[-1:]) if len(sb) >= 2 else [])
        _product_cap(out, sa[-1])
    else:
        _cap(_bound(sa) * _bound(sb))
    x, y = _standin(sa), _standin(sb)
    return lambda: np.dot(x, y)


def _tensordot(a: object, b: object, axes: object = 2) -> Thunk:
    sa, sb = _relabel(_shapes((a, b), capped=False))
    if isinstance(axes, (int, np.integer, Dim)) and not isinstance(axes, bool):
        spec: Any = _int(axes)
    else:
        if not isinstance(axes, Sequence) or len(axes) != 2:
            raise _CannotJudge
        spec = tuple(_axis(x) for x in axes)
        if any(x is None for x in spec):
            raise _CannotJudge
    _cap(_bound(sa) * _bound(sb))  # a bound on the output times the summed size
    x, y = _standin(sa), _standin(sb)
    return lambda: np.tensordot(x, y, spec)


def _einsum(subscripts: object, *operands: object) -> Thunk:
    if not isinstance(subscripts, str) or len(subscripts) > 200:
        raise _CannotJudge
    dims = _relabel(_shapes(operands, capped=False))
    # every label and every '...' dim is an axis of some operand: the product of the
    # operand sizes bounds both the iteration and the output
    _cap(0, math.prod(_bound(s) for s in dims))
    arrays = [_standin(s) for s in dims]
    return lambda: np.einsum(subscripts, *arrays)


def _reshape(a: object, newshape: object) -> Thunk:
    (sa,) = _shapes((a,))
    target = _ints(newshape)
    x = _standin(sa)
    return lambda: np.reshape(x, target)


def _permute(a: object, axes: object = None) -> Thunk:
    (sa,) = _shapes((a,))
    order = None if axes is None else _ints(axes)
    x = _standin(sa)
    return lambda: np.transpose(x, order)


def _swapaxes(a: object, i: object, j: object) -> Thunk:
    (sa,) = _shapes((a,))
    first, second = _int(i), _int(j)
    x = _standin(sa)
    return lambda: np.swapaxes(x, first, second)


def _squeeze(a: object, axis: object = None) -> Thunk:
    (sa,) = _shapes((a,))
    axes = _axis(axis)
    x = _standin(sa)
    return lambda: np.squeeze(x, axes)


def _expand_dims(a: object, axis: object) -> Thunk:
    (sa,) = _shapes((a,))
    axes = _axis(axis)
    if axes is None or len(sa) + (1 if isinstance(axes, int) else len(axes)) > MAX_RANK:
        raise _CannotJudge
    x = _standin(sa)
    return lambda: np.expand_dims(x, axes)


def _reduce(a: object, axis: object = None, keepdims: object = False) -> Thunk:
    (sa,) = _shapes((a,))
    axes = _axis(axis)
    if not isinstance(keepdims, bool):
        raise _CannotJudge
    x = _standin(sa)
    return lambda: np.sum(x, axis=axes, keepdims=keepdims)


def _concatenate(shapes: object, axis: object = 0) -> Thunk:
    dims = _shapes(shapes)
    where = _axis(axis)
    if isinstance(where, tuple):
        raise _CannotJudge
    arrays = [_standin(s) for s in dims]
    return lambda: np.concatenate(arrays, axis=where)


def _stack(shapes: object, axis: object = 0) -> Thunk:
    dims = _shapes(shapes)
    where = _int(axis)
    if any(len(s) >= MAX_RANK for s in dims):
        raise _CannotJudge
    arrays = [_standin(s) for s in dims]
    return lambda: np.stack(arrays, axis=where)


def _key_item(item: object, budget: list[int]) -> object:
    if item is None or item is Ellipsis:
        return item
    if isinstance(item, Slice):
        if not item.known:
            raise _CannotJudge
        return slice(item.start, item.stop, item.step)
    if isinstance(item, (ArrayIndex, BoolIndex)):
        dims = _concrete(item.shape)
        budget[0] *= _bound(dims)
        dtype = np.bool_ if isinstance(item, BoolIndex) else np.intp
        return np.zeros(dims, dtype)
    return _int(item)


def _index(a: object, key: object) -> Thunk:
    (sa,) = _shapes((a,))
    if not isinstance(key, Sequence) or len(key) > MAX_RANK:
        raise _CannotJudge
    budget = [_bound(sa)]
    items: tuple[Any, ...] = tuple(_key_item(item, budget) for item in key)
    _cap(0, budget[0])
    x = _standin(sa)
    return lambda: x[items]


_TABLE: dict[str, Callable[..., Thunk]] = {
    "broadcast": _broadcast,
    "matmul": _matmul,
    "dot": _dot,
    "tensordot": _tensordot,
    "einsum": _einsum,
    "reshape": _reshape,
    "permute": _permute,
    "swapaxes": _swapaxes,
    "squeeze": _squeeze,
    "expand_dims": _expand_dims,
    "reduce": _reduce,
    "concatenate": _concatenate,
    "stack": _stack,
    "index": _index,
}
