"""einops calls: read the pattern and axis lengths, apply the pattern rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from shapelint.analysis import binder, convert
from shapelint.analysis.opcall import Call
from shapelint.analysis.values import Tensor, Value
from shapelint.shapes import einops_pattern
from shapelint.shapes.shape import UNKNOWN_SHAPE, Dim, ShapeError

# the parameters of einops functions and layers that are not axis lengths
_NOT_LENGTHS = frozenset({"tensor", "pattern", "reduction", "mode", binder.NOT_UNDERSTOOD})


def axis_lengths(written: Iterable[tuple[str, Value]]) -> dict[str, Dim]:
    """The axis lengths passed as keywords (``repeat(x, 'n d -> b n d', b=batch)``).

    A length written with a value the analysis cannot read still binds its axis, to an
    unknown length: it is present, so the pattern must not report it missing."""
    return {name: convert.as_dim(value) for name, value in written if name not in _NOT_LENGTHS}


def apply_einops(call: Call) -> Value:
    x = call.get("tensor")
    pattern = convert.as_str(call.get("pattern"))
    if not isinstance(x, Tensor) or pattern is None:
        return call.unknown()
    lengths = axis_lengths(call.args.items())
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
