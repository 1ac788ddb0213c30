"""Reading abstract values as op arguments: shapes, ints, axes, tensors.

Every reader answers None when the value does not say enough; callers then give up on the
op (an unknown result), never guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import EllipsisType

from shapelint.analysis.values import (
    CONSTANT,
    UNKNOWN,
    WRITTEN,
    Constant,
    IntValue,
    ListOf,
    ShapedObject,
    ShapeValue,
    Splat,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape


def as_int(value: Value | None) -> int | None:
    if isinstance(value, IntValue):
        return value.dim.value
    return None


def as_dim(value: Value | None) -> Dim:
    if isinstance(value, IntValue):
        return value.dim
    return UNKNOWN_DIM


def is_none(value: Value | None) -> bool:
    return isinstance(value, Constant) and value.value is None


def as_bool(value: Value | None, default: bool) -> bool | None:
    """A literal bool, the default when absent, None when it cannot be read."""
    if value is None:
        return default
    if isinstance(value, Constant) and isinstance(value.value, bool):
        return value.value
    if isinstance(value, IntValue) and value.dim.value in (0, 1):
        return bool(value.dim.value)
    return None


def as_str(value: Value | None) -> str | None:
    if isinstance(value, Constant) and isinstance(value.value, str):
        return value.value
    return None


def as_shape(value: Value | None) -> Shape | None:
    """A shape argument: a tuple or list of ints, ``x.shape``, a single int, or a splat."""
    if isinstance(value, ShapeValue):
        return value.shape
    if isinstance(value, IntValue):
        return Shape((value.dim,))
    if isinstance(value, TupleValue):
        return shape_from_items(value.items)
    if (
        isinstance(value, Tensor)
        and value.shape.rank == 1
        and value.shape.dims[0].value is not None
    ):
        return None  # a shape held in a tensor: values unknown
    return None


def shape_from_items(items: Sequence[Value]) -> Shape | None:
    """Dims from a sequence of ints; a leading splat of unknown length gives a variadic shape."""
    dims: list[Dim] = []
    variadic = False
    for index, item in enumerate(items):
        if isinstance(item, IntValue):
            dims.append(item.dim)
        elif isinstance(item, Splat) and index == 0:
            inner = item.value
            if isinstance(inner, ShapeValue):
                dims.extend(inner.shape.dims)
                variadic = inner.shape.variadic
            else:
                return None
        elif isinstance(item, ShapeValue) and len(items) == 1:
            return item.shape
        elif isinstance(item, Constant) and item.value is None:
            dims.append(UNKNOWN_DIM)
        else:
            if isinstance(item, (TupleValue, ListOf, Tensor, Splat)):
                return None
            dims.append(UNKNOWN_DIM)
    return Shape(tuple(dims), variadic)


def varargs_shape(items: Sequence[Value]) -> Shape | None:
    """torch-style sizes: ``zeros(2, 3)``, ``zeros((2, 3))``, ``zeros(x.shape)``, ``zeros(*s)``."""
    if len(items) == 1 and not isinstance(items[0], (IntValue, Splat)):
        return as_shape(items[0])
    return shape_from_items(items)


def as_axes(value: Value | None) -> int | tuple[int, ...] | None | EllipsisType:
    """An axis argument: an int, a tuple of ints, None (all), or ``...`` when unreadable."""
    if value is None or is_none(value):
        return None
    if isinstance(value, IntValue):
        return value.dim.value if value.dim.value is not None else ...
    if isinstance(value, TupleValue):
        ints = [as_int(v) for v in value.items]
        if any(i is None for i in ints):
            return ...
        return tuple(i for i in ints if i is not None)
    return ...


def as_int_tuple(value: Value | None, length: int) -> tuple[int, ...] | None:
    """A kernel-size-like argument: an int repeated, or a tuple of ints."""
    if isinstance(value, IntValue):
        n = value.dim.value
        return (n,) * length if n is not None else None
    if isinstance(value, TupleValue):
        ints = tuple(as_int(v) for v in value.items)
        if len(ints) == length and all(i is not None for i in ints):
            return ints  # type: ignore[return-value]
    return None


def tensor_items(value: Value) -> list[Tensor] | None:
    """The tensors of a sequence argument (``cat([a, b])``), or None if not all known."""
    if isinstance(value, TupleValue):
        out = [literal_tensor(v) for v in value.items]
        if all(t is not None for t in out):
            return out  # type: ignore[return-value]
    return None


# libraries whose functions take an object with a ``shape`` only as an array of that shape,
# raising for any other (a scipy.sparse matrix is a TypeError to torch and JAX, a ValueError
# to TensorFlow); NumPy instead wraps it as a 0-d object array
_STRICT_OPERANDS = frozenset({"torch", "jax", "tensorflow"})


def literal_tensor(value: Value, framework: str = "numpy") -> Tensor | None:
    """A tensor operand: a tensor, a Python number, a nested list literal, or a value of
    unknown kind with a known shape given to a library that takes it only as an array."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, ShapedObject) and framework in _STRICT_OPERANDS:
        return Tensor(value.shape, framework)
    if isinstance(value, IntValue) or (
        isinstance(value, Constant) and isinstance(value.value, (float, bool, complex))
    ):
        return Tensor(Shape(()), framework, origin=CONSTANT)
    if isinstance(value, TupleValue):
        shape = nested_shape(value)
        return Tensor(shape, framework, origin=WRITTEN) if shape is not None else None
    return None


def nested_shape(value: Value, text: bool = False) -> Shape | None:
    """The shape of a nested list literal; None when ragged or not numeric (strings count as
    scalars with ``text``, for the array constructors that take them).

    A list built by a comprehension of known length gives its length before its item's shape,
    only when that shape is fully known: every item is at most the one representative, so
    equal known dims are every item's and the array is not ragged."""
    if isinstance(value, IntValue) or (
        isinstance(value, Constant)
        and (
            isinstance(value.value, (float, bool, complex)) or text and isinstance(value.value, str)
        )
    ):
        return Shape(())
    if isinstance(value, Tensor):
        return value.shape
    if isinstance(value, TupleValue):
        if not value.items:
            return Shape((Dim.of(0),))
        inner = [nested_shape(v, text) for v in value.items]
        first = inner[0]
        if first is None or first.variadic or any(s != first for s in inner):
            return None
        return Shape((Dim.of(len(value.items)), *first.dims))
    if isinstance(value, ListOf) and not value.length.is_unknown:
        item = nested_shape(value.item, text)
        if item is None or item.variadic or any(d.is_unknown for d in item.dims):
            return None
        return Shape((value.length, *item.dims))
    return None


def unknown_like(value: Value) -> Value:
    return UNKNOWN if not isinstance(value, Tensor) else Tensor(Shape((), True), value.framework)
