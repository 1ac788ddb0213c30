"""torch op kinds that check an argument against the input: ``masked_fill``'s mask and
``F.batch_norm``'s per-channel statistics (the rules are ``shapes.torch_rules``)."""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis.opcall import Call, input_tensor, run_rule
from shapelint.analysis.values import Tensor, Value
from shapelint.shapes import torch_rules
from shapelint.shapes.shape import UNKNOWN_SHAPE

_STATISTICS = ("running_mean", "running_var", "weight", "bias")


def _masked_fill(call: Call) -> Value:
    """A mask of unknown shape still keeps what broadcasting allows (the dims of ``x``
    that are not 1, behind any number of new leading ones)."""
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    mask = call.get("mask")
    mask_shape = mask.shape if isinstance(mask, Tensor) else UNKNOWN_SHAPE
    inplace = bool(call.opt("inplace"))
    result = run_rule(call, torch_rules.masked_fill, x.shape, mask_shape, inplace)
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE)


def _batch_norm(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    stats = {}
    for name in _STATISTICS:
        value = call.get(name)
        stats[name] = value.shape if isinstance(value, Tensor) else None
    result = run_rule(call, lambda shape: torch_rules.batch_norm(shape, **stats), x.shape)
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE)


KINDS: dict[str, Callable[[Call], Value]] = {
    "masked_fill": _masked_fill,
    "batch_norm": _batch_norm,
}
