"""Loss kinds: the prediction/target shape contracts of the pointwise, class-index and
same-shape losses (used by the functional losses here and by loss layers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.events import OpFailed
from shapelint.analysis.frameworks import keras as keras_table
from shapelint.analysis.opcall import (
    Call,
    Emitter,
)
from shapelint.analysis.ops_shaping import elementwise
from shapelint.analysis.values import (
    UNKNOWN,
    ModuleRef,
    Tensor,
    Value,
)
from shapelint.shapes import torch_losses
from shapelint.shapes.shape import UNKNOWN_SHAPE, Dim, Shape, ShapeError


def _judged(
    emitter: Emitter,
    node: Any,
    display: str,
    rule: Callable[[Shape, Shape], Shape],
    prediction: Value,
    target: Value,
    framework: str,
) -> Value:
    """The per-element losses ``rule`` gives for known operands; a provable mismatch is
    reported and leaves them unknown."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None:
        return Tensor(UNKNOWN_SHAPE, framework)
    try:
        return Tensor(rule(x.shape, y.shape), framework)
    except ShapeError as error:
        emitter.emit(OpFailed(node, display, error.reason, (x.shape, y.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)


def pointwise_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``mse_loss``/``l1_loss``: torch broadcasts input against target (with only a warning),
    so (N, 1) against (N,) silently gives N*N differences: one loss per element of the
    broadcast. The pair is meant to have one shape (torch warns when it has not), so the
    ``Elementwise`` event says it is ``paired``."""
    result = elementwise(
        emitter, node, display, prediction, target, framework, multiply=False, paired=True
    )
    if isinstance(result, Tensor):
        return Tensor(result.shape, framework)
    return Tensor(UNKNOWN_SHAPE, framework)


def class_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``cross_entropy``/``nll_loss``: one loss per sample (``torch_losses.class_targets``)."""
    return _judged(
        emitter, node, display, torch_losses.class_targets, prediction, target, framework
    )


def class_index_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``nll_loss``: one loss per sample, class indices only (``torch_losses``)."""
    return _judged(
        emitter, node, display, torch_losses.class_indices, prediction, target, framework
    )


def same_shape_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``binary_cross_entropy`` and friends: one loss per input element."""
    return _judged(emitter, node, display, torch_losses.same_shape, prediction, target, framework)


def keras_categorical_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``keras.losses.categorical_crossentropy``: one-hot targets of the prediction's shape
    exactly (Keras 3 and tf.keras both refuse any other, (N, 1) labels included); one loss
    per sample, the class axis reduced."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic:
        return Tensor(UNKNOWN_SHAPE, framework)
    if x.shape.equals(y.shape) is False:
        reason = f"target {y.shape} and output {x.shape} must have the same shape"
        emitter.emit(OpFailed(node, display, reason, (y.shape, x.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)
    return Tensor(Shape(x.shape.dims[:-1]), framework)


def keras_binary_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``keras.losses.binary_crossentropy``: the element losses, averaged over the last axis.
    Keras 3 refuses targets not of the output's shape; tf.keras broadcasts them against it.
    Where the Keras is not known only what both refuse is reported (shapes that cannot
    broadcast: the spelling is the same); only the output's own shape gives a known result."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic:
        return Tensor(UNKNOWN_SHAPE, framework)
    if any(_disagree(a, b) for a, b in zip(reversed(x.shape.dims), reversed(y.shape.dims))):
        reason = f"target {y.shape} and output {x.shape} cannot broadcast"
        emitter.emit(OpFailed(node, display, reason, (y.shape, x.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)
    if emitter.keras_version == 3 and x.shape.equals(y.shape) is False:
        reason = f"Keras 3 needs the target {y.shape} to have the output's shape {x.shape}"
        emitter.emit(OpFailed(node, display, reason, (y.shape, x.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)
    if not x.shape.dims or x.shape.equals(y.shape) is not True:
        return Tensor(UNKNOWN_SHAPE, framework)
    return Tensor(Shape(x.shape.dims[:-1]), framework)


def _rows_and_classes(shape: Shape) -> tuple[Dim, Dim]:
    """How TensorFlow's softmax cross entropy kernel sees an operand: every axis but the
    last flattened into rows, the last the classes (a 1-D operand is one row)."""
    return Shape(shape.dims[:-1]).numel(), shape.dims[-1]


def _disagree(a: Dim, b: Dim) -> bool:
    """Two sizes that provably neither match nor broadcast (neither is 1)."""
    return a.equals(b) is False and a.is_one() is False and b.is_one() is False


def tf_softmax_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``tf.nn.softmax_cross_entropy_with_logits``: labels and logits are each flattened to
    (rows, classes) and must broadcast there, so class indices (N,) against logits (N, C)
    fail as labels (1, N); one loss per row of the logits. Only a pair of sizes that
    provably differ, neither 1, is reported (a broadcast row of labels is accepted)."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic:
        return Tensor(UNKNOWN_SHAPE, framework)
    if not x.shape.dims or not y.shape.dims:
        return Tensor(UNKNOWN_SHAPE, framework)
    x_rows, x_classes = _rows_and_classes(x.shape)
    y_rows, y_classes = _rows_and_classes(y.shape)
    if _disagree(x_rows, y_rows) or _disagree(x_classes, y_classes):
        reason = (
            f"logits and labels must be broadcastable: logits {x.shape} and labels {y.shape} "
            f"are ({x_rows}, {x_classes}) and ({y_rows}, {y_classes}) as (rows, classes)"
        )
        emitter.emit(OpFailed(node, display, reason, (y.shape, x.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)
    if x.shape.equals(y.shape) is True:
        return Tensor(Shape(x.shape.dims[:-1]), framework)
    return Tensor(UNKNOWN_SHAPE, framework)


def tf_sparse_softmax_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``tf.nn.sparse_softmax_cross_entropy_with_logits``: class indices shaped like the
    logits without their class axis (TensorFlow checks it statically, no broadcasting);
    one loss per index."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic or not x.shape.dims:
        return Tensor(UNKNOWN_SHAPE, framework)
    expected = Shape(x.shape.dims[:-1])
    if expected.equals(y.shape) is False:
        reason = f"labels {y.shape} must have the shape of logits {x.shape} but its last axis"
        emitter.emit(OpFailed(node, display, reason, (y.shape, x.shape)))
        return Tensor(UNKNOWN_SHAPE, framework)
    return Tensor(expected, framework)


LOSSES: dict[str, Callable[[Emitter, Any, str, Value, Value, str], Value]] = {
    "pointwise": pointwise_loss,
    "class": class_loss,
    "class_index": class_index_loss,
    "same_shape": same_shape_loss,
    "keras_categorical": keras_categorical_loss,
    "keras_binary": keras_binary_loss,
    "tf_softmax": tf_softmax_loss,
    "tf_sparse_softmax": tf_sparse_softmax_loss,
    # tf.nn.sigmoid_cross_entropy_with_logits: one loss per element, no reduction option
    "tf_same_shape": same_shape_loss,
}


# the loss kinds of torch, whose result depends on their ``reduction`` option
REDUCED = frozenset({"pointwise", "class", "class_index", "same_shape"})


def reduce_loss(elements: Value, reduction: Value | None, legacy: bool = False) -> Value:
    """A torch loss's result from its per-element losses: 'mean' (the default) and 'sum'
    give a 0-d loss, 'none' the per-element losses; any other value, one not known, or a
    legacy ``size_average``/``reduce`` flag makes it unknown."""
    framework = elements.framework if isinstance(elements, Tensor) else "torch"
    named = "mean" if reduction is None else convert.as_str(reduction)
    if legacy or named not in torch_losses.REDUCTIONS or not isinstance(elements, Tensor):
        return Tensor(UNKNOWN_SHAPE, framework)
    return Tensor(torch_losses.reduced(elements.shape, named), framework)


def _loss(call: Call) -> Value:
    prediction, target = call.get("x"), call.get("y")
    if prediction is None or target is None:
        return call.unknown()
    kind = str(call.opt("loss"))
    elements = LOSSES[kind](
        call.emitter, call.node, call.display, prediction, target, call.result_framework()
    )
    return reduce_loss(elements, call.get("reduction")) if kind in REDUCED else elements


def _keras_loss_get(call: Call) -> Value:
    """``keras.losses.get("binary_crossentropy")``: both Kerases give the loss function of
    that name; a name (or anything else) not among the modelled functions is unknown."""
    name = convert.as_str(call.get("identifier") or UNKNOWN)
    if name is None or f"losses.{name}" not in keras_table.LOSSES:
        return UNKNOWN
    return ModuleRef(f"keras.losses.{name}")


KINDS: dict[str, Callable[[Call], Value]] = {
    "loss": _loss,
    "keras_loss_get": _keras_loss_get,
}
