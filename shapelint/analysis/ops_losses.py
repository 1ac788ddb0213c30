"""Loss kinds: the prediction/target shape contracts of the pointwise, class-index and
same-shape losses (used by the functional losses here and by loss layers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.events import OpFailed
from shapelint.analysis.opcall import (
    Call,
    Emitter,
)
from shapelint.analysis.ops_shaping import elementwise
from shapelint.analysis.values import (
    Tensor,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE, Shape


def pointwise_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``mse_loss``/``l1_loss``: torch broadcasts input against target (with only a warning),
    so (N, 1) against (N,) silently averages N*N differences."""
    elementwise(emitter, node, display, prediction, target, framework, multiply=False)
    return Tensor(Shape(()), framework)


def class_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``cross_entropy``/``nll_loss``: input (N, C, d...) against class indices (N, d...) or
    probabilities shaped like the input."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic:
        return Tensor(UNKNOWN_SHAPE, framework)
    xd, yd = x.shape.dims, y.shape.dims
    reason = None
    if len(xd) >= 2 and len(yd) == len(xd) - 1:
        expected = (xd[0], *xd[2:])
        if xd[0].equals(yd[0]) is False:
            reason = (
                f"expected the target's batch size {yd[0]} to match the input's {xd[0]}: "
                f"input {x.shape}, target {y.shape}"
            )
        elif any(a.equals(b) is False for a, b in zip(expected, yd)):
            reason = f"target {y.shape} does not match input {x.shape} without its class dim"
    elif len(yd) == len(xd) and x.shape.equals(y.shape) is False:
        reason = f"class probabilities {y.shape} must have the input's shape {x.shape}"
    elif len(xd) >= 1 and len(yd) not in (len(xd), len(xd) - 1):
        reason = f"target {y.shape} has the wrong rank for input {x.shape}"
    if reason is not None:
        emitter.emit(OpFailed(node, display, reason, (x.shape, y.shape)))
    return Tensor(Shape(()), framework)


def same_shape_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``binary_cross_entropy`` and friends: the target must have the input's shape."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is not None and y is not None and x.shape.equals(y.shape) is False:
        emitter.emit(
            OpFailed(
                node,
                display,
                f"target size {y.shape} must be the same as input size {x.shape}",
                (x.shape, y.shape),
            )
        )
    return Tensor(Shape(()), framework)


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


LOSSES: dict[str, Callable[[Emitter, Any, str, Value, Value, str], Value]] = {
    "pointwise": pointwise_loss,
    "class": class_loss,
    "same_shape": same_shape_loss,
    "keras_categorical": keras_categorical_loss,
}


def _loss(call: Call) -> Value:
    prediction, target = call.get("x"), call.get("y")
    if prediction is None or target is None or convert.as_str(call.get("reduction")) == "none":
        return call.unknown()
    return LOSSES[str(call.opt("loss"))](
        call.emitter, call.node, call.display, prediction, target, call.result_framework()
    )


KINDS: dict[str, Callable[[Call], Value]] = {
    "loss": _loss,
}
