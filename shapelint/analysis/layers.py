"""Layer objects: construction from literal arguments, the shape each kind produces when
called, and the weights it exposes (``linear.weight``).

The shape arithmetic is the numeric core's; this module only reads constructor arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import binder, convert, layers_keras, layers_torch, ops_einops
from shapelint.analysis.events import OpFailed
from shapelint.analysis.layercall import LayerCall, refuse
from shapelint.analysis.ops import LOSSES, Call, Emitter
from shapelint.analysis.ops_losses import REDUCED, reduce_loss
from shapelint.analysis.values import (
    BUILT_WIDTH,
    INPUT,
    LEARNED,
    UNKNOWN,
    Constant,
    IntValue,
    Layer,
    ModuleRef,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import einops_pattern
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape


def _identity(call: LayerCall) -> Value:
    x = call.inputs[0] if call.inputs else UNKNOWN
    return x if isinstance(x, Tensor) else UNKNOWN


def _sequential(call: LayerCall) -> Value:
    layers = call.param("layers")
    if not isinstance(layers, TupleValue):
        return call.tensor(None) if call.input() is not None else UNKNOWN
    value: Value = call.inputs[0] if call.inputs else UNKNOWN
    if layers.items and isinstance(layers.items[0], Layer) and isinstance(value, Tensor):
        value = _check_declared_input(call, layers.items[0], value)
    for item in layers.items:
        if isinstance(item, Tensor):  # keras.Input(...) as the first entry
            value = value if _feeds_as_is(item, value) else item
            continue
        if not isinstance(item, Layer):
            return call.tensor(None) if isinstance(value, Tensor) else UNKNOWN
        value = apply_layer(call.emitter, call.node, item, [value], {})
    return value


def _single_tensor(value: Value | None) -> Tensor | None:
    """A functional model's one ``Input`` or output: a tensor, or a list holding one."""
    if isinstance(value, TupleValue) and len(value.items) == 1:
        value = value.items[0]
    return value if isinstance(value, Tensor) and not value.shape.variadic else None


def _keras_functional(call: LayerCall) -> Value:
    """``keras.Model(inputs, outputs)`` called on data: the graph was traced on its
    ``Input``, whose unknown sizes (the batch) stood for any size, so every size the
    outputs know holds for any data that matches the ``Input`` where it is known; the
    others stay unknown. Data of another rank or size, several inputs or outputs, or a
    list of arrays are not followed."""
    declared, outputs = _single_tensor(call.param("inputs")), _single_tensor(call.param("outputs"))
    data = call.inputs[0] if len(call.inputs) == 1 else None
    if not isinstance(data, Tensor):
        return UNKNOWN if data is None else call.tensor(None)
    if declared is None or outputs is None or data.shape.variadic:
        return call.tensor(None)
    if len(declared.shape.dims) != len(data.shape.dims):
        return call.tensor(None)
    for wanted, given in zip(declared.shape.dims, data.shape.dims, strict=True):
        if not wanted.is_unknown and wanted.equals(given) is not True:
            return call.tensor(None)
    return call.tensor(outputs.shape)


def _feeds_as_is(declared: Tensor, data: Value) -> bool:
    """Whether data given to a model reaches its first layer as it is: a tensor of the
    ``Input``'s rank, or of one more axis that is not a trailing 1 (which both Kerases
    would squeeze away; one axis fewer they may expand, so the ``Input`` stands in)."""
    if not isinstance(data, Tensor) or data.shape.variadic or declared.shape.variadic:
        return False
    rank, wanted = len(data.shape.dims), len(declared.shape.dims)
    return rank == wanted or (rank == wanted + 1 and data.shape.dims[-1].equals(Dim.of(1)) is False)


class _Watch:
    """Passes a build's events on (or drops them, for the layers built before) and notes
    whether one of its layer calls failed."""

    def __init__(self, target: Emitter, loud: bool):
        self.target, self.loud, self.failed = target, loud, False
        self.keras_version = target.keras_version

    def emit(self, event: Any) -> None:
        self.failed = self.failed or isinstance(event, OpFailed)
        if self.loud:
            self.target.emit(event)


def _build_input(model: Layer, items: list[Value]) -> Tensor | None:
    """What a Keras ``Sequential`` is built on before any data: its ``keras.Input`` entry,
    or its first layer's ``input_shape`` with an unknown batch."""
    if model.framework != "keras" or not items:
        return None
    if isinstance(items[0], Tensor):
        return items[0]
    declared = (
        convert.as_shape(items[0].param("input_shape")) if isinstance(items[0], Layer) else None
    )
    if declared is None:
        return None
    return Tensor(Shape((UNKNOWN_DIM, *declared.dims), declared.variadic), "keras", origin=INPUT)


def built_sequential(emitter: Emitter, node: Any, model: Layer, loud_from: int) -> Layer | None:
    """A Keras ``Sequential`` whose input is declared is built when it is made and at each
    ``add``: every layer is called on the output so far, so a layer that does not fit fails
    there, and each keeps the width it was built on. Events come from the layers from
    ``loud_from`` on (the ones just added). None when the build fails (Keras raised)."""
    items = sequence_layers(model) if model.kind == "sequential" else None
    value: Value | None = _build_input(model, items) if items else None
    if items is None or value is None:
        return model
    built: list[Value] = []
    for index, item in enumerate(items):
        if index == 0 and isinstance(item, Tensor):
            built.append(item)
            continue
        if not isinstance(item, Layer) or not isinstance(value, Tensor):
            built.extend(items[index:])  # the rest is not followed: built on unknown inputs
            break
        watch = _Watch(emitter, index >= loud_from)
        once = built_by_call(item, [value])
        value = apply_layer(watch, node, item, [value], {})
        if watch.failed:
            return None
        built.append(once or item)
    params = tuple((k, v) for k, v in model.params if k != "layers")
    return Layer(
        model.kind,
        (*params, ("layers", TupleValue(tuple(built), True))),
        model.framework,
        model.display,
    )


def _check_declared_input(call: LayerCall, first: Layer, x: Tensor) -> Tensor:
    """Keras' ``input_shape=``/``input_dim=`` on the first layer: the data must fit it.
    Returns the data as the first layer gets it: both Kerases give a vector of samples for a
    declared ``(1,)`` its feature axis (``(251,)`` -> ``(251, 1)``). Data of another rank
    than a declared shape with unknown sizes (``input_shape=(None, 5)``) is not checked:
    Keras 2 then calls the layers on it one by one, Keras 3 raises."""
    declared = convert.as_shape(first.param("input_shape", UNKNOWN))
    # ``input_dim`` is Dense's feature width (Keras 2); on Embedding it is the vocabulary size
    if (
        declared is None
        and first.kind == "dense"
        and isinstance(first.param("input_dim", UNKNOWN), IntValue)
    ):
        declared = Shape((convert.as_dim(first.param("input_dim")),))
        if x.shape.dims and x.shape.dims[-1].equals(declared.dims[0]) is False:
            call.run(refuse, f"the first layer expects input_dim {declared.dims[0]}, got {x.shape}")
        return x
    if declared is None or declared.variadic or x.shape.variadic:
        return x
    if len(x.shape.dims) == 1 and declared.equals(Shape.of(1)) is True:
        return x.with_shape(Shape((*x.shape.dims, Dim.of(1))), keep_dtype=True)
    if len(x.shape.dims) != len(declared.dims) + 1 and any(d.is_unknown for d in declared.dims):
        return x
    got = Shape(x.shape.dims[1:])
    if got.equals(declared) is False:
        call.run(
            refuse,
            f"expected input shape {Shape((UNKNOWN_DIM, *declared.dims))}, got {x.shape}",
        )
    return x


def _transformer_encoder(call: LayerCall) -> Value:
    """``nn.TransformerEncoder(layer, num_layers, norm)``: copies of ``layer`` in a row (each
    keeps the shape), then ``norm`` if one is given."""
    x = call.input()
    block, norm = call.param("encoder_layer"), call.param("norm")
    if x is None or not isinstance(block, Layer):
        return UNKNOWN if x is None else call.tensor(None)
    value = apply_layer(call.emitter, call.node, block, [x], {})
    if norm is None or convert.is_none(norm) or not isinstance(value, Tensor):
        return value
    if not isinstance(norm, Layer):
        return call.tensor(None)
    return apply_layer(call.emitter, call.node, norm, [value], {})


def _time_distributed(call: LayerCall) -> Value:
    """Keras' ``TimeDistributed(layer)``: the layer applied to each step ``x[:, t]``, so the
    output is ``(batch, time)`` followed by what the layer makes of ``(batch, *x[2:])``.
    Both Kerases refuse an input of fewer than 3 axes."""
    x, inner = call.input(), call.param("layer")
    if x is None or x.shape.variadic:
        return UNKNOWN if x is None else call.tensor(None)
    if len(x.shape.dims) < 3:
        return call.tensor(
            call.run(refuse, f"TimeDistributed needs an input of at least 3 axes, got {x.shape}")
        )
    if not isinstance(inner, Layer) or inner.framework != "keras":
        return call.tensor(None)
    step = Tensor(Shape((x.shape.dims[0], *x.shape.dims[2:])), x.framework, origin=x.origin)
    out = apply_layer(call.emitter, call.node, inner, [step], {})
    if not isinstance(out, Tensor) or out.shape.variadic or not out.shape.dims:
        return call.tensor(None)
    return call.tensor(Shape((*x.shape.dims[:2], *out.shape.dims[1:])))


def _loss(call: LayerCall) -> Value:
    """A loss module called on (input, target): its per-element losses, reduced as its
    ``reduction`` says (``ops_losses.reduce_loss``)."""
    if len(call.inputs) < 2:
        return UNKNOWN
    kind = convert.as_str(call.param("loss")) or "pointwise"
    elements = LOSSES[kind](
        call.emitter,
        call.node,
        call.layer.display or call.layer.kind,
        call.inputs[0],
        call.inputs[1],
        call.layer.framework,
    )
    if kind not in REDUCED:
        return elements
    legacy = any(
        (flag := call.param(name)) is not None and not convert.is_none(flag)
        for name in ("size_average", "reduce")
    )
    return reduce_loss(elements, call.param("reduction"), legacy)


def _einops_layer(call: LayerCall) -> Value:
    x = call.input()
    pattern = convert.as_str(call.param("pattern"))
    mode = convert.as_str(call.param("mode"))
    if x is None or pattern is None or mode is None:
        return UNKNOWN if x is None else call.tensor(None)
    lengths = ops_einops.axis_lengths(call.layer.params)
    return call.tensor(call.run(einops_pattern.apply, mode, x.shape, pattern, lengths))


# the models whose compile/fit/predict are followed (a torch Sequential has none of them)
KERAS_MODELS = frozenset({"sequential", "keras_functional"})

# the method of a Keras metric object that takes (y_true, y_pred) like calling it
METRIC_UPDATES = frozenset({"update_state"})
METRIC_KINDS = frozenset({"keras_accuracy"})

LAYER_KINDS: dict[str, Callable[[LayerCall], Value]] = {
    **layers_torch.KINDS,
    **layers_keras.KINDS,
    "einops_layer": _einops_layer,
    "loss": _loss,
    "identity": _identity,
    "sequential": _sequential,
    "keras_functional": _keras_functional,
    "transformer_encoder": _transformer_encoder,
    "keras_time_distributed": _time_distributed,
}


def apply_layer(
    emitter: Emitter, node: Any, layer: Layer, inputs: list[Value], keywords: dict[str, Value]
) -> Value:
    """The output of calling ``layer`` on ``inputs``; unknown when the kind is not modelled."""
    impl = LAYER_KINDS.get(layer.kind)
    if impl is None:
        return UNKNOWN
    call = LayerCall(emitter, node, layer, inputs, keywords)
    if not binder.understood(layer):
        return call.tensor(None) if call.input() is not None else UNKNOWN
    if not _fits_built_width(call):
        return call.tensor(None)
    return impl(call)


def _build_axis(layer: Layer) -> int | None:
    """The input axis whose size a Keras layer's weights take on its first call (Dense's and
    the recurrent layers' features, a convolution's channels); later calls are checked
    against it by the layer's ``input_spec`` (the recurrent ones by their kernel's matmul)."""
    if layer.framework != "keras" or not binder.understood(layer):
        return None
    if layer.kind in ("dense", "keras_rnn"):
        return -1
    if layer.kind == "keras_conv":
        data_format = layer.param("data_format", Constant("channels_last"))
        fmt = convert.as_str(data_format)
        return {"channels_last": -1, "channels_first": 1}.get(fmt) if fmt else None
    return None


def _width(layer: Layer, inputs: list[Value]) -> Dim | None:
    """The size of the build axis of the first input, when the input is a known-rank tensor."""
    axis = _build_axis(layer)
    x = convert.literal_tensor(inputs[0], layer.framework) if inputs else None
    if axis is None or x is None or x.shape.variadic or len(x.shape.dims) < 2:
        return None
    return x.shape.dims[axis]


def _fits_built_width(call: LayerCall) -> bool:
    built = call.layer.param(BUILT_WIDTH)
    width = _width(call.layer, call.inputs)
    if not isinstance(built, IntValue) or width is None or width.equals(built.dim) is not False:
        return True
    x = call.input()
    call.run(
        refuse,
        f"the layer was built on inputs of size {built.dim} on axis {_build_axis(call.layer)}, "
        f"got {x.shape if x is not None else width}",
    )
    return False


def built_by_call(layer: Layer, inputs: list[Value]) -> Layer | None:
    """The layer after a call that builds it: the width of its build axis kept, so that a
    later call on another width is refused as Keras refuses it. None when nothing changes
    (already built, not a Keras layer that builds, or the width unknown)."""
    if isinstance(layer.param(BUILT_WIDTH), IntValue):
        return None
    width = _width(layer, inputs)
    if width is None or width.value is None:
        return None
    return Layer(
        layer.kind, (*layer.params, (BUILT_WIDTH, IntValue(width))), layer.framework, layer.display
    )


def layer_attribute(layer: Layer, name: str) -> Value:
    """Weights a layer exposes: ``Linear.weight`` is (out, in), ``Embedding.weight`` (num, dim)."""
    if not binder.understood(layer):
        return UNKNOWN
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
    return Tensor(shape, layer.framework, weight=True, origin=LEARNED)


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


# the loss a Keras model was compiled with, kept among its parameters
COMPILED_LOSS = "compiled loss"


def with_loss(model: Layer, loss: Value | None) -> Layer:
    """The model after ``compile(loss=...)``: the loss recorded (unknown when not given as
    a modelled one), the layers as they were."""
    params = tuple((k, v) for k, v in model.params if k != COMPILED_LOSS)
    recorded = (*params, (COMPILED_LOSS, loss or UNKNOWN))
    return Layer(model.kind, recorded, model.framework, model.display)


def check_compiled_loss(
    emitter: Emitter, node: Any, model: Layer, outputs: Value, target: Value
) -> None:
    """``fit``/``evaluate`` with targets: the compiled loss judges them against the model's
    outputs, as Keras does before the first step."""
    loss = model.param(COMPILED_LOSS)
    named = (
        loss.value
        if isinstance(loss, Constant) and isinstance(loss.value, str)
        else loss.qualname.rsplit(".", 1)[-1]
        if isinstance(loss, ModuleRef) and loss.qualname.startswith("keras.losses.")
        else None
    )
    if named == "categorical_crossentropy" and isinstance(outputs, Tensor):
        LOSSES["keras_categorical"](
            emitter,
            node,
            f"loss={named!r}",
            outputs,
            _ranked_like(target, outputs),
            outputs.framework,
        )


def _ranked_like(target: Value, outputs: Tensor) -> Value:
    """The targets as a compiled loss gets them: both Kerases first give targets of one axis
    fewer than the outputs a trailing axis (tf-keras' ``match_dtype_and_rank``, Keras 3's
    ``squeeze_or_expand_to_same_rank``), and take one of one axis more off when it is 1."""
    y = convert.literal_tensor(target, outputs.framework)
    if y is None or y.shape.variadic or outputs.shape.variadic:
        return target
    rank, wanted = len(y.shape.dims), len(outputs.shape.dims)
    if rank == wanted - 1:
        return y.with_shape(Shape((*y.shape.dims, Dim.of(1))), keep_dtype=True)
    if rank == wanted + 1 and y.shape.dims[-1].is_one() is True:
        return y.with_shape(Shape(y.shape.dims[:-1]), keep_dtype=True)
    return target


def _keras_input(call: Call) -> Value:
    shape = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    batch = (
        convert.as_dim(call.get("batch_size"))
        if call.get("batch_size") is not None
        else UNKNOWN_DIM
    )
    if shape is None:
        return Tensor(UNKNOWN_SHAPE, "keras", origin=INPUT)
    return Tensor(Shape((batch, *shape.dims), shape.variadic), "keras", origin=INPUT)


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
