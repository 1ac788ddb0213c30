"""Layer objects: construction from literal arguments, the shape each kind produces when
called, and the weights it exposes (``linear.weight``).

The shape arithmetic is the numeric core's; this module only reads constructor arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import binder, convert, layers_keras, layers_torch, ops_einops
from shapelint.analysis.layercall import LayerCall, refuse
from shapelint.analysis.ops import LOSSES, Call, Emitter
from shapelint.analysis.values import (
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
            call.run(refuse, f"the first layer expects input_dim {declared.dims[0]}, got {x.shape}")
        return
    if declared is None or declared.variadic or x.shape.variadic:
        return
    got = Shape(x.shape.dims[1:])
    if got.equals(declared) is False:
        call.run(
            refuse,
            f"expected input shape {Shape((UNKNOWN_DIM, *declared.dims))}, got {x.shape}",
        )


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
    lengths = ops_einops.axis_lengths(call.layer.params)
    return call.tensor(call.run(einops_pattern.apply, mode, x.shape, pattern, lengths))


LAYER_KINDS: dict[str, Callable[[LayerCall], Value]] = {
    **layers_torch.KINDS,
    **layers_keras.KINDS,
    "einops_layer": _einops_layer,
    "loss": _loss,
    "identity": _identity,
    "sequential": _sequential,
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
    return impl(call)


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
            emitter, node, f"loss={named!r}", outputs, target, outputs.framework
        )


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
