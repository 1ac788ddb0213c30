"""TensorFlow op kinds of ``tf.nn`` beyond convolution: the pooling functions (the rule is
``shapes.tf_pooling``); the lookups that put a row per index (``tf.nn.embedding_lookup``,
``tf.gather`` along axis 0, ``tf.one_hot``); ``Tensor.set_shape``, which states a shape
and cannot change it; and the graph-mode ``tf.compat.v1.placeholder``, whose shape is the one
it is declared with (a ``None`` size, or ``shape=None``, unknown until a value is fed)."""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, input_tensor, run_keywords
from shapelint.analysis.values import INPUT, UNKNOWN, IntValue, Tensor, TupleValue, Value
from shapelint.shapes import tf_pooling
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


def _sizes(value: Value) -> Dim | tuple[Dim, ...]:
    """``ksize``/``strides``: an int or a list of them; anything unreadable is one unknown
    size for every dim (the list form only adds checks)."""
    if isinstance(value, IntValue):
        return value.dim
    if isinstance(value, TupleValue):
        return tuple(convert.as_dim(v) for v in value.items)
    return UNKNOWN_DIM


def _tf_pool(call: Call) -> Value:
    x = input_tensor(call)
    ksize, strides = call.get("ksize"), call.get("strides")
    padding = convert.as_str(call.get("padding"))
    data_format_value = call.get("data_format")
    data_format = convert.as_str(data_format_value)
    unreadable_format = data_format_value is not None and not convert.is_none(data_format_value)
    if x is None or ksize is None or strides is None:
        return call.unknown()
    if padding is None or (unreadable_format and data_format is None):
        return x.with_shape(UNKNOWN_SHAPE)  # explicit paddings, or a layout not known
    result = run_keywords(
        call,
        tf_pooling.tf_pool,
        x.shape,
        ndim=call.opt("ndim"),
        ksize=_sizes(ksize),
        strides=_sizes(strides),
        padding=padding,
        data_format=data_format,
        kind=call.opt("pool", "max"),
    )
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE)


def _rows(call: Call) -> Value:
    """``tf.nn.embedding_lookup(params, ids)`` / ``tf.gather(params, indices)``: one row of
    ``params`` per index, so ``ids.shape + params.shape[1:]``. Sharded params (a list) and an
    index of unknown rank stay unknown."""
    params, ids = call.get("x"), input_tensor(call, "index")
    if (
        not isinstance(params, Tensor)  # a list of params is sharded: rows of every shard
        or ids is None
        or params.shape.rank in (None, 0)
        or ids.shape.rank is None
    ):
        return call.unknown()
    return call.tensor(Shape((*ids.shape.dims, *params.shape.dims[1:])))


def _one_hot(call: Call) -> Value:
    """``tf.one_hot(indices, depth)``: a new last axis of ``depth`` (``axis=-1`` or None);
    another ``axis`` is not modelled (unknown)."""
    indices, depth, axis = input_tensor(call), call.get("depth"), call.get("axis")
    if indices is None or indices.shape.rank is None or not isinstance(depth, IntValue):
        return call.unknown()
    if axis is not None and not convert.is_none(axis) and convert.as_int(axis) != -1:
        return call.unknown()
    return call.tensor(Shape((*indices.shape.dims, depth.dim)))


def _tf_set_shape(call: Call) -> Value:
    """``x.set_shape(shape)`` only asserts a shape the tensor has: a rank or a known size
    that differs from it raises (an unknown or ``None`` size matches any). It returns None
    and leaves the receiver as it was known (narrowing it is not modelled)."""
    x = input_tensor(call)
    stated = convert.as_shape(call.get("shape"))
    if x is None or stated is None or x.shape.variadic or stated.variadic:
        return UNKNOWN
    mismatch = len(x.shape.dims) != len(stated.dims) or any(
        a.equals(b) is False for a, b in zip(x.shape.dims, stated.dims, strict=True)
    )
    if mismatch:
        reason = f"Tensor's shape {x.shape} is not compatible with supplied shape {stated}"
        call.fail(ShapeError(reason), (x.shape, stated))
    return UNKNOWN


def _tf_placeholder(call: Call) -> Value:
    """``placeholder(dtype, shape)``: a tensor of the declared shape, each ``None`` size
    unknown; no shape (or ``None``) leaves even the rank unknown. Its values are the input
    fed to it."""
    given = call.get("shape")
    shape = None if given is None or convert.is_none(given) else convert.as_shape(given)
    if shape is None or any(d.value is not None and d.value < 0 for d in shape.dims):
        return call.tensor(UNKNOWN_SHAPE, origin=INPUT)
    return call.tensor(shape, origin=INPUT)


KINDS: dict[str, Callable[[Call], Value]] = {
    "tf_pool": _tf_pool,
    "rows": _rows,
    "one_hot": _one_hot,
    "tf_set_shape": _tf_set_shape,
    "tf_placeholder": _tf_placeholder,
}
