"""TensorFlow op kinds of ``tf.nn`` beyond convolution: the pooling functions (the rule is
``shapes.tf_pooling``), and the lookups that put a row per index (``tf.nn.embedding_lookup``,
``tf.gather`` along axis 0, ``tf.one_hot``)."""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, input_tensor, run_keywords
from shapelint.analysis.values import IntValue, TupleValue, Value
from shapelint.shapes import tf_pooling
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape


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
    params, ids = input_tensor(call), input_tensor(call, "index")
    if params is None or ids is None or params.shape.rank in (None, 0) or ids.shape.rank is None:
        return call.unknown()
    return call.tensor(Shape((*ids.shape.dims, *params.shape.dims[1:])))


def _one_hot(call: Call) -> Value:
    """``tf.one_hot(indices, depth)``: a new last axis of ``depth`` (another ``axis`` is
    unmodelled)."""
    indices, depth = input_tensor(call), call.get("depth")
    if indices is None or indices.shape.rank is None or not isinstance(depth, IntValue):
        return call.unknown()
    return call.tensor(Shape((*indices.shape.dims, depth.dim)))


KINDS: dict[str, Callable[[Call], Value]] = {
    "tf_pool": _tf_pool,
    "rows": _rows,
    "one_hot": _one_hot,
}
