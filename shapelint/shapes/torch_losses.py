"""Shapes of torch's losses before and after their ``reduction``.

A loss first computes one value per element (pointwise losses: the broadcast of input and
target, which torch allows with only a warning), per sample (class losses: the input
without its class dim) or per input element (binary losses, whose target must have the
input's shape); ``reduction='none'`` returns those, ``'mean'`` and ``'sum'`` a 0-d loss.
Pinned by records of real torch (``tests/data/torch.json``); raise only on a provable error.
"""

from __future__ import annotations

from shapelint.shapes.algebra import broadcast
from shapelint.shapes.shape import UNKNOWN_SHAPE, Shape, ShapeError

REDUCTIONS = ("none", "mean", "sum")


def pointwise(x: Shape, y: Shape) -> Shape:
    """``mse_loss``/``l1_loss``/``smooth_l1_loss``/``huber_loss``: input and target
    broadcast, so (N, 1) against (N,) gives N*N losses."""
    return broadcast(x, y)


def class_targets(x: Shape, y: Shape, probabilities: bool = True) -> Shape:
    """``cross_entropy``/``nll_loss``: input (N, C, d...) against class indices (N, d...),
    or (``cross_entropy`` only) class probabilities of the input's shape; one loss per
    (N, d...) position (a 1-D input of C scores is one sample: a 0-d loss)."""
    if x.variadic or y.variadic:
        return UNKNOWN_SHAPE
    xd, yd = x.dims, y.dims
    if not probabilities and len(xd) >= 2 and len(yd) == len(xd):
        raise ShapeError(f"class indices expected: a target {y} of the input's rank {x}")
    if len(xd) >= 2 and len(yd) == len(xd) - 1:
        expected = (xd[0], *xd[2:])
        if xd[0].equals(yd[0]) is False:
            raise ShapeError(
                f"expected the target's batch size {yd[0]} to match the input's {xd[0]}: "
                f"input {x}, target {y}"
            )
        if any(a.equals(b) is False for a, b in zip(expected, yd, strict=True)):
            raise ShapeError(f"target {y} does not match input {x} without its class dim")
        return Shape(expected)
    if len(yd) == len(xd) and x.equals(y) is False:
        raise ShapeError(f"class probabilities {y} must have the input's shape {x}")
    if len(xd) >= 1 and len(yd) not in (len(xd), len(xd) - 1):
        raise ShapeError(f"target {y} has the wrong rank for input {x}")
    if len(xd) <= 1:
        return Shape(())
    return Shape((xd[0], *xd[2:]))


def class_indices(x: Shape, y: Shape) -> Shape:
    """``nll_loss``: class indices only (``class_targets``)."""
    return class_targets(x, y, probabilities=False)


def same_shape(x: Shape, y: Shape) -> Shape:
    """``binary_cross_entropy`` and friends: the target must have the input's shape."""
    if x.equals(y) is False:
        raise ShapeError(f"target size {y} must be the same as input size {x}")
    return x if not x.variadic or y.variadic else y


def reduced(elements: Shape, reduction: str) -> Shape:
    """The loss ``reduction`` returns: the per-element losses for 'none', a 0-d loss for
    'mean' and 'sum'; torch refuses any other value."""
    if reduction not in REDUCTIONS:
        raise ShapeError(f"{reduction!r} is not a valid value for reduction")
    return elements if reduction == "none" else Shape(())
