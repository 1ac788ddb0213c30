"""Layer objects: construction from literal arguments, the shape each kind produces when
called, and the weights it exposes (``linear.weight``).

The shape arithmetic is the numeric core's; this module only reads constructor arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.events import OpFailed
from shapelint.analysis.frameworks.spec import LayerSpec
from shapelint.analysis.ops import LOSSES, Call, Emitter
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    IntValue,
    Layer,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra, einops_pattern
from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


def make_layer(
    spec: LayerSpec,
    framework: str,
    display: str,
    positional: list[Value],
    keywords: dict[str, Value],
) -> Layer:
    params: dict[str, Value] = {
        key: IntValue(Dim.of(v)) if isinstance(v, int) else Constant(v)
        for key, v in spec.opts.items()
        if isinstance(v, (int, str))
    }
    if spec.kind in ("sequential",) and framework == "torch":
        params["layers"] = TupleValue(tuple(positional))
    else:
        for name, value in zip(spec.params, positional):
            params[name] = value
    for name, value in keywords.items():
        params[spec.aliases.get(name, name)] = value
    return Layer(spec.kind, tuple(params.items()), framework, display)


class LayerCall:
    """One application of a layer to its inputs."""

    def __init__(
        self,
        emitter: Emitter,
        node: Any,
        layer: Layer,
        inputs: list[Value],
        keywords: dict[str, Value],
    ):
        self.emitter = emitter
        self.node = node
        self.layer = layer
        self.inputs = inputs
        self.keywords = keywords

    def param(self, name: str) -> Value | None:
        value = self.layer.param(name, default=_MISSING)
        return None if value is _MISSING else value

    def int_param(self, name: str, default: int | None = None) -> int | None:
        value = self.param(name)
        return default if value is None else convert.as_int(value)

    def dim_param(self, name: str) -> Dim:
        value = self.param(name)
        return convert.as_dim(value) if value is not None else UNKNOWN_DIM

    def bool_param(self, name: str, default: bool) -> bool | None:
        return convert.as_bool(self.param(name), default)

    def input(self, index: int = 0) -> Tensor | None:
        """The tensor fed in; a layer's input is a tensor even when nothing else is known."""
        if index >= len(self.inputs):
            return None
        value = self.inputs[index]
        if value is UNKNOWN:
            return Tensor(UNKNOWN_SHAPE, self.layer.framework)
        return convert.literal_tensor(value, self.layer.framework)

    def tensor(self, shape: Shape | None) -> Tensor:
        base = self.input()
        framework = base.framework if base is not None else self.layer.framework
        return Tensor(shape if shape is not None else UNKNOWN_SHAPE, framework)

    def run(self, rule: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return rule(*args, **kwargs)
        except ShapeError as error:
            operands = tuple(a for a in args if isinstance(a, Shape))
            self.emitter.emit(
                OpFailed(self.node, self.layer.display or self.layer.kind, error.reason, operands)
            )
            return None


_MISSING = Constant("<missing>")


def _kernel(call: LayerCall, name: str, ndim: int, default: int | None = None) -> Any:
    value = call.param(name)
    if value is None:
        return default
    if isinstance(value, Constant) and isinstance(value.value, str):
        return value.value
    ints = convert.as_int_tuple(value, ndim)
    if ints is None:
        return _UNREADABLE
    return ints[0] if len(set(ints)) == 1 else ints


_UNREADABLE = object()


def _linear(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    return call.tensor(
        call.run(fw.linear, x.shape, call.dim_param("in_features"), call.dim_param("out_features"))
    )


def _dense(call: LayerCall) -> Value:
    x = call.input()
    if x is None:
        return UNKNOWN
    return call.tensor(call.run(fw.dense, x.shape, call.dim_param("units")))


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
        name: _kernel(call, name, ndim, default)
        for name, default in (("kernel_size", None), ("stride", 1), ("padding", 0), ("dilation", 1))
    }
    groups = call.int_param("groups", 1)
    padding_mode = (
        convert.as_str(call.param("padding_mode"))
        if call.param("padding_mode") is not None
        else "zeros"
    )
    if (
        any(v is _UNREADABLE or v is None for v in args.values())
        or groups is None
        or padding_mode is None
    ):
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
    args = {name: _kernel(call, name, ndim, default) for name, default in names}
    if any(v is _UNREADABLE or v is None for v in args.values()):
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
    kernel = _kernel(call, "kernel_size", ndim)
    stride = _kernel(call, "stride", ndim)
    padding = _kernel(call, "padding", ndim, 0)
    dilation = _kernel(call, "dilation", ndim, 1)
    ceil_mode = call.bool_param("ceil_mode", False)
    if (
        any(v is _UNREADABLE for v in (kernel, stride, padding, dilation))
        or kernel is None
        or ceil_mode is None
    ):
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
                _raise, f"expected the initial state {name} to be {expected}, got {state.shape}"
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
        call.run(_raise, f"expected {features} channels (dim 1), got {channel} in {x.shape}")
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
                    _raise,
                    f"normalized shape {normalized} does not match the trailing dims of {x.shape}",
                )
        elif not x.shape.variadic:
            call.run(
                _raise, f"normalized shape {normalized} has more dims than the input {x.shape}"
            )
    return x


def _raise(reason: str) -> None:
    raise ShapeError(reason)


def _identity(call: LayerCall) -> Value:
    x = call.inputs[0] if call.inputs else UNKNOWN
    return x if isinstance(x, Tensor) else UNKNOWN


def _sequential(call: LayerCall) -> Value:
    layers = call.param("layers")
    if not isinstance(layers, TupleValue):
        return call.tensor(None) if call.input() is not None else UNKNOWN
    value: Value = call.inputs[0] if call.inputs else UNKNOWN
    if layers.items and isinstance(layers.items[0], Layer) and isinstance(value, Tensor):
        _check_declared_input(call, layers.items[0], value)
    for item in layers.items:
        if isinstance(item, Tensor):  # keras.Input(...) as the first entry
            value = item
            continue
        if not isinstance(item, Layer):
            return call.tensor(None) if isinstance(value, Tensor) else UNKNOWN
        value = apply_layer(call.emitter, call.node, item, [value], {})
    return value


def _check_declared_input(call: LayerCall, first: Layer, x: Tensor) -> None:
    """Keras' ``input_shape=``/``input_dim=`` on the first layer: the data must fit it."""
    declared = convert.as_shape(first.param("input_shape", UNKNOWN))
    # ``input_dim`` is Dense's feature width (Keras 2); on Embedding it is the vocabulary size
    if (
        declared is None
        and first.kind == "dense"
        and isinstance(first.param("input_dim", UNKNOWN), IntValue)
    ):
        declared = Shape((convert.as_dim(first.param("input_dim")),))
        if x.shape.dims and x.shape.dims[-1].equals(declared.dims[0]) is False:
            call.run(_raise, f"the first layer expects input_dim {declared.dims[0]}, got {x.shape}")
        return
    if declared is None or declared.variadic or x.shape.variadic:
        return
    got = Shape(x.shape.dims[1:])
    if got.equals(declared) is False:
        call.run(
            _raise,
            f"expected input shape {Shape((UNKNOWN_DIM, *declared.dims))}, got {x.shape}",
        )


def _keras_conv(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    kernel = _kernel(call, "kernel_size", ndim)
    strides = _kernel(call, "strides", ndim, 1)
    dilation = _kernel(call, "dilation_rate", ndim, 1)
    padding = (
        convert.as_str(call.param("padding")) if call.param("padding") is not None else "valid"
    )
    data_format = (
        convert.as_str(call.param("data_format"))
        if call.param("data_format") is not None
        else "channels_last"
    )
    if any(
        v is _UNREADABLE or v is None for v in (kernel, strides, dilation, padding, data_format)
    ):
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
            style="keras",
        )
    )


def _keras_pool(call: LayerCall) -> Value:
    x = call.input()
    ndim = call.int_param("ndim") or 2
    if x is None:
        return UNKNOWN
    pool_size = _kernel(call, "pool_size", ndim, 2)
    strides = _kernel(call, "strides", ndim)
    padding = (
        convert.as_str(call.param("padding")) if call.param("padding") is not None else "valid"
    )
    data_format = (
        convert.as_str(call.param("data_format"))
        if call.param("data_format") is not None
        else "channels_last"
    )
    if (
        any(v is _UNREADABLE for v in (pool_size, strides))
        or padding is None
        or data_format is None
    ):
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


def _loss(call: LayerCall) -> Value:
    if len(call.inputs) < 2 or convert.as_str(call.param("reduction")) == "none":
        return UNKNOWN
    loss = LOSSES[convert.as_str(call.param("loss")) or "pointwise"]
    return loss(
        call.emitter,
        call.node,
        call.layer.display or call.layer.kind,
        call.inputs[0],
        call.inputs[1],
        call.layer.framework,
    )


def _einops_layer(call: LayerCall) -> Value:
    x = call.input()
    pattern = convert.as_str(call.param("pattern"))
    mode = convert.as_str(call.param("mode"))
    if x is None or pattern is None or mode is None:
        return UNKNOWN if x is None else call.tensor(None)
    skip = {"pattern", "reduction", "mode"}
    lengths = {k: v.dim for k, v in call.layer.params if k not in skip and isinstance(v, IntValue)}
    return call.tensor(call.run(einops_pattern.apply, mode, x.shape, pattern, lengths))


LAYER_KINDS: dict[str, Callable[[LayerCall], Value]] = {
    "einops_layer": _einops_layer,
    "loss": _loss,
    "linear": _linear,
    "dense": _dense,
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
    "identity": _identity,
    "sequential": _sequential,
    "keras_conv": _keras_conv,
    "keras_pool": _keras_pool,
    "keras_global_pool": _keras_global_pool,
    "keras_flatten": _keras_flatten,
    "keras_reshape": _keras_reshape,
    "keras_permute": _keras_permute,
    "keras_embedding": _keras_embedding,
    "keras_rnn": _keras_rnn,
    "keras_dot_layer": _keras_dot_layer,
    "keras_concatenate": _keras_concatenate,
    "keras_merge": _keras_merge,
}


def apply_layer(
    emitter: Emitter, node: Any, layer: Layer, inputs: list[Value], keywords: dict[str, Value]
) -> Value:
    """The output of calling ``layer`` on ``inputs``; unknown when the kind is not modelled."""
    impl = LAYER_KINDS.get(layer.kind)
    if impl is None:
        return UNKNOWN
    return impl(LayerCall(emitter, node, layer, inputs, keywords))


def layer_attribute(layer: Layer, name: str) -> Value:
    """Weights a layer exposes: ``Linear.weight`` is (out, in), ``Embedding.weight`` (num, dim)."""
    get = lambda key: convert.as_dim(layer.param(key))  # noqa: E731
    shape: Shape | None = None
    if layer.kind == "linear":
        if name == "weight":
            shape = Shape((get("out_features"), get("in_features")))
        elif name == "bias":
            shape = Shape((get("out_features"),))
        elif name in ("in_features", "out_features"):
            return IntValue(get(name))
    elif layer.kind == "embedding" and name == "weight":
        shape = Shape((get("num_embeddings"), get("embedding_dim")))
    elif layer.kind == "dense" and name == "kernel":
        shape = Shape((UNKNOWN_DIM, get("units")))
    elif layer.kind == "dense" and name == "units":
        return IntValue(get("units"))
    elif layer.kind == "conv" and name == "bias":
        shape = Shape((get("out_channels"),))
    if shape is None:
        return UNKNOWN
    return Tensor(shape, layer.framework, weight=True)


def sequence_layers(layer: Layer) -> list[Value] | None:
    layers = layer.param("layers")
    if isinstance(layers, TupleValue):
        return list(layers.items)
    return None


def module_items(layer: Layer) -> list[Value] | None:
    """The layers of ``nn.ModuleList([...])`` written as a literal list."""
    modules = layer.param("modules")
    return list(modules.items) if isinstance(modules, TupleValue) else None


def with_added_layer(layer: Layer, added: Value) -> Layer:
    items = sequence_layers(layer) or []
    params = tuple((k, v) for k, v in layer.params if k != "layers") + (
        ("layers", TupleValue((*items, added), True)),
    )
    return Layer(layer.kind, params, layer.framework, layer.display)


# -- Keras functional forms ----------------------------------------------------------


def _keras_input(call: Call) -> Value:
    shape = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    batch = (
        convert.as_dim(call.get("batch_size"))
        if call.get("batch_size") is not None
        else UNKNOWN_DIM
    )
    if shape is None:
        return Tensor(UNKNOWN_SHAPE, "keras")
    return Tensor(Shape((batch, *shape.dims), shape.variadic), "keras")


def _functional(kind: str) -> Callable[[Call], Value]:
    def impl(call: Call) -> Value:
        seq = call.get("seq")
        if seq is None:
            return call.unknown()
        params: tuple[tuple[str, Value], ...] = ()
        if call.get("axis") is not None:
            params += (
                ("axes" if kind == "keras_dot_layer" else "axis", call.get("axis") or UNKNOWN),
            )
        if call.get("normalize") is not None:
            params += (("normalize", call.get("normalize") or UNKNOWN),)
        layer = Layer(kind, params, "keras", call.display)
        return apply_layer(call.emitter, call.node, layer, [seq], {})

    return impl


def _keras_concat_fn(call: Call) -> Value:
    if call.get("axis") is None:
        call.args["axis"] = IntValue(Dim.of(-1))
    return _functional("keras_concatenate")(call)


def _functional_layer(kind: str) -> Callable[[Call], Value]:
    """``F.max_pool2d(x, 2)`` and friends: the layer's rule with the call's arguments."""

    def impl(call: Call) -> Value:
        x = call.get("x")
        if x is None:
            return call.unknown()
        params = tuple((k, v) for k, v in call.args.items() if k != "x")
        ndim = call.opt("ndim")
        if isinstance(ndim, int):
            params += (("ndim", IntValue(Dim.of(ndim))),)
        if call.opt("pool"):
            params += (("pool", Constant(call.opt("pool"))),)
        return apply_layer(
            call.emitter, call.node, Layer(kind, params, call.framework, call.display), [x], {}
        )

    return impl


FUNCTION_KINDS: dict[str, Callable[[Call], Value]] = {
    "f_pool": _functional_layer("pool"),
    "f_adaptive_pool": _functional_layer("adaptive_pool"),
    "keras_input": _keras_input,
    "keras_dot_fn": _functional("keras_dot_layer"),
    "keras_concat_fn": _keras_concat_fn,
    "keras_merge_fn": _functional("keras_merge"),
}
