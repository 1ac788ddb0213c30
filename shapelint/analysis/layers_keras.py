"""Keras layer kinds: Dense, Conv*/Pooling*, global pooling, Flatten/Reshape/Permute,
Embedding, the recurrent layers, Dot, Concatenate and the merge layers.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.binder import UNREADABLE
from shapelint.analysis.layercall import LayerCall
from shapelint.analysis.values import (
    UNKNOWN,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra
from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape


def _dense(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    min_rank = call.int_param("min_rank", 2)  # Flax's Dense takes one example, Keras' a batch
    units = call.dim_param("units")
    return call.tensor(call.run(fw.dense, x.shape, units, min_rank=min_rank or 2))


def _keras_conv(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    kernel = call.kernel("kernel_size", ndim)
    strides = call.kernel("strides", ndim, 1)
    dilation = call.kernel("dilation_rate", ndim, 1)
    padding = call.str_param("padding", "valid")
    data_format = call.str_param("data_format", "channels_last")
    if any(v is UNREADABLE or v is None for v in (kernel, strides, dilation, padding, data_format)):
        return call.tensor(None)
    return call.tensor(
        call.run(
            fw.conv,
            x.shape,
            ndim=ndim,
            out_channels=call.dim_param("filters"),
            kernel_size=kernel,
            stride=strides,
            padding=padding,
            dilation=dilation,
            channels_last=data_format != "channels_first",
            style="keras3" if call.emitter.keras_version == 3 else "keras",
        )
    )


def _keras_pool(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    pool_size = call.kernel("pool_size", ndim, 2)
    strides = call.kernel("strides", ndim)
    padding = call.str_param("padding", "valid")
    data_format = call.str_param("data_format", "channels_last")
    if any(v is UNREADABLE for v in (pool_size, strides)) or padding is None or data_format is None:
        return call.tensor(None)
    return call.tensor(
        call.run(
            fw.pool,
            x.shape,
            ndim=ndim,
            kernel_size=pool_size,
            stride=strides,
            padding=padding,
            channels_last=data_format != "channels_first",
            kind=convert.as_str(call.param("pool")) or "max",
            style="keras",
        )
    )


def _keras_global_pool(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    if x.shape.variadic:
        return call.tensor(
            Shape((UNKNOWN_DIM, x.shape.dims[-1]) if x.shape.dims else (UNKNOWN_DIM, UNKNOWN_DIM))
        )
    if len(x.shape.dims) < 3:
        return call.tensor(None)
    return call.tensor(Shape((x.shape.dims[0], x.shape.dims[-1])))


def _keras_upsampling(call: LayerCall) -> Value:
    """``UpSampling{1,2,3}D(size)``: each spatial axis repeated ``size`` times (2 unless
    given), the batch and channel axes kept; another rank or an unread size or layout is
    unknown."""
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    size = call.kernel("size", ndim, 2)
    data_format = call.str_param("data_format", "channels_last")
    if size is UNREADABLE or isinstance(size, str) or data_format is None:
        return call.tensor(None)
    if x.shape.variadic or len(x.shape.dims) != ndim + 2:
        return call.tensor(None)
    if ndim == 1:
        data_format = "channels_last"  # UpSampling1D takes no layout: (batch, steps, features)
    sizes = size if isinstance(size, tuple) else (size,) * ndim
    first = 1 if data_format == "channels_last" else 2
    dims = list(x.shape.dims)
    for axis, factor in enumerate(sizes):
        dims[first + axis] = dims[first + axis] * factor
    return call.tensor(Shape(tuple(dims)))


def _keras_flatten(call: LayerCall) -> Value:
    x = call.input()
    return call.tensor(call.run(fw.keras_flatten, x.shape)) if x is not None else UNKNOWN


def _keras_reshape(call: LayerCall) -> Value:
    """``Reshape(target_shape)`` keeps the batch dim and reshapes the rest."""
    x = call.input()
    target = convert.as_shape(call.param("target_shape"))
    if x is None or target is None or target.variadic:
        return UNKNOWN if x is None else call.tensor(None)
    if x.shape.variadic or not x.shape.dims:
        return call.tensor(
            Shape((UNKNOWN_DIM, *[UNKNOWN_DIM if d.value == -1 else d for d in target.dims]))
        )
    newshape: list[Dim | int] = [d.value if d.value is not None else d for d in target.dims]
    rest = call.run(algebra.reshape, Shape(x.shape.dims[1:]), newshape)
    return call.tensor(Shape((x.shape.dims[0], *rest.dims)) if rest is not None else None)


def _keras_permute(call: LayerCall) -> Value:
    x = call.input()
    dims = convert.as_axes(call.param("dims"))
    if x is None or not isinstance(dims, tuple):
        return UNKNOWN if x is None else call.tensor(None)
    return call.tensor(call.run(algebra.permute, x.shape, (0, *dims)))


def _keras_embedding(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    return call.tensor(Shape((*x.shape.dims, call.dim_param("output_dim")), x.shape.variadic))


def _keras_rnn(call: LayerCall) -> Value:
    x = call.input()
    sequences = call.bool_param("return_sequences", False)
    if x is None or sequences is None:
        return UNKNOWN if x is None else call.tensor(None)
    if call.bool_param("return_state", False) is not False:
        return UNKNOWN
    return call.tensor(call.run(fw.keras_rnn, x.shape, call.dim_param("units"), sequences))


def _pair(call: LayerCall) -> tuple[Tensor, Tensor] | None:
    inputs = call.inputs
    if len(inputs) == 1 and isinstance(inputs[0], TupleValue) and len(inputs[0].items) == 2:
        inputs = list(inputs[0].items)
    if len(inputs) != 2:
        return None
    a = convert.literal_tensor(inputs[0], call.layer.framework)
    b = convert.literal_tensor(inputs[1], call.layer.framework)
    return (a, b) if a is not None and b is not None else None


def _keras_dot_layer(call: LayerCall) -> Value:
    pair = _pair(call)
    axes = convert.as_axes(call.param("axes"))
    normalize = call.bool_param("normalize", False)
    if pair is None or axes is ... or axes is None or normalize is None:
        return call.tensor(None) if pair is not None else UNKNOWN
    return call.tensor(call.run(fw.keras_dot_layer, pair[0].shape, pair[1].shape, axes, normalize))


def _keras_accuracy(call: LayerCall) -> Value:
    """``metrics.Accuracy()`` on (y_true, y_pred), called or through ``update_state``: both
    Kerases compare them elementwise, Keras 3 broadcasting and tf.keras wanting compatible
    shapes, each after squeezing (or expanding) a trailing axis of 1 first. When neither
    last axis can be 1 nothing is squeezed, and labels that do not broadcast against the
    predictions (class indices (N,) against (N, C)) fail in both."""
    if len(call.inputs) != 2:
        return UNKNOWN
    y_true = convert.literal_tensor(call.inputs[0], call.layer.framework)
    y_pred = convert.literal_tensor(call.inputs[1], call.layer.framework)
    if y_true is None or y_pred is None:
        return UNKNOWN
    shapes = (y_true.shape, y_pred.shape)
    if all(s.dims and not s.variadic and s.dims[-1].is_one() is False for s in shapes):
        call.run(algebra.broadcast, *shapes)
    return call.tensor(None)


def _sequence_inputs(call: LayerCall) -> list[Tensor] | None:
    inputs = call.inputs
    if len(inputs) == 1 and isinstance(inputs[0], TupleValue):
        inputs = list(inputs[0].items)
    tensors = [convert.literal_tensor(v, call.layer.framework) for v in inputs]
    return tensors if tensors and all(t is not None for t in tensors) else None  # type: ignore[return-value]


def _keras_concatenate(call: LayerCall) -> Value:
    tensors = _sequence_inputs(call)
    axis = call.int_param("axis", -1)
    if tensors is None or axis is None:
        return UNKNOWN if not call.inputs else call.tensor(None)
    return call.tensor(call.run(algebra.concatenate, tuple(t.shape for t in tensors), axis))


def _keras_merge(call: LayerCall) -> Value:
    tensors = _sequence_inputs(call)
    if tensors is None:
        return UNKNOWN if not call.inputs else call.tensor(None)
    return call.tensor(call.run(algebra.broadcast, *(t.shape for t in tensors)))


KINDS: dict[str, Callable[[LayerCall], Value]] = {
    "dense": _dense,
    "keras_conv": _keras_conv,
    "keras_pool": _keras_pool,
    "keras_global_pool": _keras_global_pool,
    "keras_flatten": _keras_flatten,
    "keras_upsampling": _keras_upsampling,
    "keras_reshape": _keras_reshape,
    "keras_permute": _keras_permute,
    "keras_embedding": _keras_embedding,
    "keras_rnn": _keras_rnn,
    "keras_dot_layer": _keras_dot_layer,
    "keras_concatenate": _keras_concatenate,
    "keras_merge": _keras_merge,
    "keras_accuracy": _keras_accuracy,
}
