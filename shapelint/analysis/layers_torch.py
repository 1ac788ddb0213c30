"""PyTorch layer kinds: Linear, Bilinear, convolutions and transposed convolutions,
pooling, Flatten/Unflatten, Embedding, the recurrent layers, MultiheadAttention, the norms and
Upsample.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.layercall import LayerCall, refuse, unknown_size
from shapelint.analysis.ops_torch import interpolate_options
from shapelint.analysis.values import (
    UNKNOWN,
    IntValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra, torch_rules
from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape, ShapeError


def _linear(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    if call.param("unbatched") is not None:
        return _one_example_linear(call, x)
    return call.tensor(
        call.run(fw.linear, x.shape, call.dim_param("in_features"), call.dim_param("out_features"))
    )


def _one_example_linear(call: LayerCall, x: Tensor) -> Value:
    """Equinox's ``Linear``: one example, a vector (a batch goes through ``vmap``); either
    size may be ``"scalar"``, for an input or output of shape ``()``."""
    scalar_in, scalar_out = (
        convert.as_str(call.param(name)) == "scalar" for name in ("in_features", "out_features")
    )
    out = () if scalar_out else (call.dim_param("out_features"),)
    if scalar_in:
        return call.tensor(Shape(out) if x.shape.rank == 0 else None)
    if x.shape.rank != 1:
        return call.tensor(None)
    result = call.run(fw.linear, x.shape, call.dim_param("in_features"), Dim.of(1))
    return call.tensor(Shape(out) if result is not None else None)


def _bilinear(call: LayerCall) -> Value:
    a, b = call.input(0), call.input(1)
    if a is None or b is None:
        return UNKNOWN
    dims = [call.dim_param(n) for n in ("in1_features", "in2_features", "out_features")]
    return call.tensor(call.run(fw.bilinear, a.shape, b.shape, *dims))


def _conv(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    args = {
        name: unknown_size(call.kernel(name, ndim, default))
        for name, default in (("kernel_size", None), ("stride", 1), ("padding", 0), ("dilation", 1))
    }
    groups = call.int_param("groups", 1)
    padding_mode = call.str_param("padding_mode", "zeros")
    if any(v is None for v in args.values()) or groups is None or padding_mode is None:
        return call.tensor(None)
    return call.tensor(
        call.run(
            fw.conv,
            x.shape,
            ndim=ndim,
            out_channels=call.dim_param("out_channels"),
            in_channels=call.dim_param("in_channels"),
            groups=groups,
            padding_mode=padding_mode,
            style="torch",
            **args,
        )
    )


def _conv_transpose(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    names = (
        ("kernel_size", None),
        ("stride", 1),
        ("padding", 0),
        ("output_padding", 0),
        ("dilation", 1),
    )
    args = {name: unknown_size(call.kernel(name, ndim, default)) for name, default in names}
    if any(v is None for v in args.values()):
        return call.tensor(None)
    return call.tensor(
        call.run(
            fw.conv_transpose,
            x.shape,
            ndim=ndim,
            out_channels=call.dim_param("out_channels"),
            in_channels=call.dim_param("in_channels"),
            **args,
        )
    )


def _pool(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    kernel = unknown_size(call.kernel("kernel_size", ndim))
    stride = unknown_size(call.kernel("stride", ndim))
    padding = unknown_size(call.kernel("padding", ndim, 0))
    dilation = unknown_size(call.kernel("dilation", ndim, 1))
    ceil_mode = call.bool_param("ceil_mode", False)
    if kernel is None or ceil_mode is None:
        return call.tensor(None)
    kind = convert.as_str(call.param("pool")) or "max"
    return call.tensor(
        call.run(
            fw.pool,
            x.shape,
            ndim=ndim,
            kernel_size=kernel,
            stride=stride,
            padding=padding,
            dilation=dilation,
            ceil_mode=ceil_mode,
            kind=kind,
            style="torch",
        )
    )


def _adaptive_pool(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    size = call.param("output_size")
    if x is None or size is None:
        return UNKNOWN if x is None else call.tensor(None)
    if isinstance(size, IntValue):
        output: Any = size.dim.value
    elif isinstance(size, TupleValue):
        output = tuple(convert.as_int(v) if not convert.is_none(v) else None for v in size.items)
    else:
        return call.tensor(None)
    if output is None:
        return call.tensor(None)
    return call.tensor(call.run(fw.adaptive_pool, x.shape, ndim=ndim, output_size=output))


def _torch_flatten(call: LayerCall) -> Value:
    x = call.input()
    start, end = call.int_param("start_dim", 1), call.int_param("end_dim", -1)
    if x is None or start is None or end is None:
        return UNKNOWN if x is None else call.tensor(None)
    return call.tensor(call.run(fw.torch_flatten, x.shape, start, end))


def _unflatten(call: LayerCall) -> Value:
    x = call.input()
    dim = call.int_param("dim")
    sizes = convert.as_shape(call.param("unflattened_size"))
    if x is None or dim is None or sizes is None or x.shape.variadic:
        return UNKNOWN if x is None else call.tensor(None)
    try:
        position = algebra.normalise_axis(dim, len(x.shape.dims))
    except ShapeError:
        return call.tensor(None)
    target = list(x.shape.dims[:position]) + list(sizes.dims) + list(x.shape.dims[position + 1 :])
    newshape = [d.value if d.value is not None else d for d in target]
    return call.tensor(call.run(algebra.reshape, x.shape, newshape))


def _embedding(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    return call.tensor(
        call.run(
            fw.embedding, x.shape, call.dim_param("num_embeddings"), call.dim_param("embedding_dim")
        )
    )


def _rnn(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    flags = {name: call.bool_param(name, False) for name in ("batch_first", "bidirectional")}
    layers = call.int_param("num_layers", 1)
    proj_size = call.int_param("proj_size", 0)
    if any(v is None for v in flags.values()) or layers is None or proj_size is None:
        return TupleValue((call.tensor(None), UNKNOWN))
    result = call.run(
        fw.rnn,
        x.shape,
        hidden_size=call.dim_param("hidden_size"),
        input_size=call.dim_param("input_size"),
        num_layers=layers,
        proj_size=proj_size,
        **flags,
    )
    if result is None:
        return TupleValue((call.tensor(None), UNKNOWN))
    output, hidden = result
    _check_initial_state(call, hidden, proj_size)
    state: Value = call.tensor(hidden)
    if call.layer.display.split("(")[0].endswith("LSTM"):
        state = TupleValue((state, call.tensor(hidden)))
    return TupleValue((call.tensor(output), state))


def _check_initial_state(call: LayerCall, expected: Shape, proj_size: int) -> None:
    """``lstm(x, (h0, c0))``: each initial state must have the shape of the final one."""
    if len(call.inputs) < 2:
        return
    given = call.inputs[1]
    states = list(given.items) if isinstance(given, TupleValue) else [given]
    for index, state in enumerate(states[:2]):
        if index == 1 and proj_size:
            continue  # the cell state keeps hidden_size
        if isinstance(state, Tensor) and state.shape.equals(expected) is False:
            name = ("h0", "c0")[index]
            call.run(
                refuse, f"expected the initial state {name} to be {expected}, got {state.shape}"
            )


def _multihead_attention(call: LayerCall) -> Value:
    q, k, v = call.input(0), call.input(1), call.input(2)
    batch_first = call.bool_param("batch_first", False)
    if q is None or k is None or v is None or batch_first is None:
        return TupleValue((call.tensor(None), UNKNOWN))
    out = call.run(
        fw.multihead_attention,
        q.shape,
        k.shape,
        v.shape,
        embed_dim=call.dim_param("embed_dim"),
        batch_first=batch_first,
        num_heads=call.dim_param("num_heads"),
        kdim=call.dim_param("kdim") if call.param("kdim") is not None else None,
        vdim=call.dim_param("vdim") if call.param("vdim") is not None else None,
    )
    return TupleValue((call.tensor(out), UNKNOWN))


def _batchnorm(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    features = call.dim_param("num_features")
    channel = x.shape[1] if not x.shape.variadic and len(x.shape.dims) >= 2 else UNKNOWN_DIM
    if channel.equals(features) is False:
        call.run(refuse, f"expected {features} channels (dim 1), got {channel} in {x.shape}")
    return x


def _layernorm(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    normalized = convert.as_shape(call.param("normalized_shape"))
    if normalized is not None and not normalized.variadic:
        tail = x.shape.dims[-len(normalized.dims) :] if normalized.dims else ()
        if len(tail) == len(normalized.dims):
            if any(a.equals(b) is False for a, b in zip(tail, normalized.dims)):
                call.run(
                    refuse,
                    f"normalized shape {normalized} does not match the trailing dims of {x.shape}",
                )
        elif not x.shape.variadic:
            call.run(
                refuse, f"normalized shape {normalized} has more dims than the input {x.shape}"
            )
    return x


def _pixel_shuffle(
    rule: Callable[[Shape, int], Shape], factor: str
) -> Callable[[LayerCall], Value]:
    """``PixelShuffle(r)`` or ``PixelUnshuffle(r)``: the rule with the layer's factor."""

    def impl(call: LayerCall) -> Value:
        x = call.input()
        r = call.int_param(factor)
        if x is None or r is None or r < 1:
            return UNKNOWN if x is None else call.tensor(None)
        return call.tensor(call.run(rule, x.shape, r))

    return impl


def _upsample(call: LayerCall) -> Value:
    """``nn.Upsample(size, scale_factor, mode, align_corners)``: ``F.interpolate``'s rule."""
    x = call.input()
    if x is None:
        return UNKNOWN
    options = interpolate_options(call.param)
    if options is None:
        return call.tensor(None)
    return call.tensor(call.run(torch_rules.interpolate, x.shape, *options))


def _transformer_encoder_layer(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    d_model = call.dim_param("d_model")
    return call.tensor(call.run(torch_rules.transformer_encoder_layer, x.shape, d_model))


KINDS: dict[str, Callable[[LayerCall], Value]] = {
    "linear": _linear,
    "bilinear": _bilinear,
    "conv": _conv,
    "conv_transpose": _conv_transpose,
    "pool": _pool,
    "adaptive_pool": _adaptive_pool,
    "torch_flatten": _torch_flatten,
    "unflatten": _unflatten,
    "embedding": _embedding,
    "rnn": _rnn,
    "multihead_attention": _multihead_attention,
    "batchnorm": _batchnorm,
    "layernorm": _layernorm,
    "pixel_shuffle": _pixel_shuffle(torch_rules.pixel_shuffle, "upscale_factor"),
    "pixel_unshuffle": _pixel_shuffle(torch_rules.pixel_unshuffle, "downscale_factor"),
    "transformer_encoder_layer": _transformer_encoder_layer,
    "upsample": _upsample,
}
