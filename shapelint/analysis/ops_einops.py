"""einops calls: read the pattern and axis lengths, apply the pattern rule."""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call
from shapelint.analysis.values import IntValue, Tensor, Value
from shapelint.shapes import einops_pattern
from shapelint.shapes.shape import UNKNOWN_SHAPE, ShapeError


def apply_einops(call: Call) -> Value:
    x = call.get("x")
    pattern = convert.as_str(call.get("pattern"))
    if not isinstance(x, Tensor) or pattern is None:
        return call.unknown()
    lengths = {
        name: value.dim
        for name, value in call.args.items()
        if isinstance(value, IntValue) and name not in ("x", "pattern", "reduction")
    }
    try:
        shape = einops_pattern.apply(str(call.opt("mode")), x.shape, pattern, lengths)
    except ShapeError as error:
        call.fail(error, (x.shape,))
        return x.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    return x.with_shape(shape, intent=True, keep_lineage=call.opt("mode") == "rearrange")


def apply_einops_einsum(call: Call) -> Value:
    operands = list(call.varargs or [])
    if len(operands) < 2:
        return call.unknown()
    pattern = convert.as_str(operands[-1])
    tensors = [v for v in operands[:-1] if isinstance(v, Tensor)]
    if pattern is None or len(tensors) != len(operands) - 1:
        return call.unknown()
    shapes = tuple(t.shape for t in tensors)
    try:
        shape = einops_pattern.einsum(pattern, *shapes)
    except ShapeError as error:
        call.fail(error, shapes)
        return tensors[0].with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    return tensors[0].with_shape(shape, keep_lineage=False)


KINDS: dict[str, Callable[[Call], Value]] = {
    "einops": apply_einops,
    "einops_einsum": apply_einops_einsum,
}
