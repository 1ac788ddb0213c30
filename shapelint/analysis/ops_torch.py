"""torch op kinds that check an argument against the input: ``masked_fill``'s mask,
``F.batch_norm``'s per-channel statistics, ``gather``'s index, the pieces ``chunk`` and
``split`` cut, and ``F.interpolate``'s resized maps (the rules are ``shapes.torch_rules``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, input_tensor, run_rule, unknown_at
from shapelint.analysis.values import (
    Constant,
    IntValue,
    ListOf,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
    exact_number,
)
from shapelint.shapes import torch_rules
from shapelint.shapes.shape import UNKNOWN_SHAPE, Shape, ShapeError

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


def _gather(call: Call) -> Value:
    """``torch.gather(x, dim, index)``: the result has the index's shape, values of ``x``."""
    x, index = input_tensor(call), input_tensor(call, "index")
    dim = convert.as_int(call.get("axis"))
    if x is None or index is None or dim is None:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    result = run_rule(call, torch_rules.gather, x.shape, dim, index.shape)
    return x.with_shape(result or UNKNOWN_SHAPE, keep_lineage=False)


def _pieces(x: Tensor, pieces: list[Shape] | None, dim: int | None) -> Value:
    """A tuple of the pieces when their number is known; else a list of pieces like each
    other, unknown along ``dim``."""
    if pieces is not None:
        return TupleValue(tuple(x.with_shape(p, keep_lineage=False) for p in pieces))
    placed = dim is not None and not (x.shape.variadic and dim >= 0)
    piece = unknown_at(x.shape, dim) if dim is not None and placed else None
    return ListOf(x.with_shape(piece or UNKNOWN_SHAPE, keep_lineage=False))


def _cut(call: Call, rule: Callable[..., list[Shape] | None], sections: object) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    dim = convert.as_int(call.get("axis")) if call.get("axis") is not None else 0
    if sections is None or dim is None:
        return _pieces(x, None, dim)
    try:
        pieces = rule(x.shape, sections, dim)
    except ShapeError as error:
        call.fail(error, (x.shape,))
        pieces = None
    return _pieces(x, pieces, dim)


def _chunk(call: Call) -> Value:
    return _cut(call, torch_rules.chunk, convert.as_int(call.get("sections")))


def _split(call: Call) -> Value:
    """``split(x, size_or_sizes, dim)``: an int size, or a list of sizes (which need not be
    known one by one to give the pieces' number)."""
    given = call.get("sections")
    sections: int | Shape | None = None
    if isinstance(given, IntValue):
        sections = convert.as_int(given)
    elif isinstance(given, TupleValue):
        sections = convert.as_shape(given)
    return _cut(call, torch_rules.split, sections)


_NO_BOUND = object()  # a bound whose kind the analysis does not know


def _bound(value: Value | None) -> object:
    """A clamp bound as ``torch_rules.clamp`` takes it: None when not given, NUMBER for a
    Python number, a tensor's shape; ``_NO_BOUND`` when its kind is not known."""
    if value is None or convert.is_none(value):
        return None
    if isinstance(value, IntValue):
        return torch_rules.NUMBER
    if isinstance(value, Constant) and isinstance(value.value, (int, float)):
        return torch_rules.NUMBER
    return value.shape if isinstance(value, Tensor) else _NO_BOUND


def _clamp(call: Call) -> Value:
    """``torch.clamp(x, min, max)``: the broadcast of ``x`` with the tensor bounds."""
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    bounds = [_bound(call.get(name)) for name in ("min", "max")]
    if _NO_BOUND in bounds:
        return x.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    result = run_rule(call, torch_rules.clamp, x.shape, *bounds)
    if result is None:
        return x.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    if result.equals(x.shape) is True:
        return x  # bounds that do not broadcast it keep all it is, as any unary op does
    return x.with_shape(result, keep_lineage=False)


_UNREAD = object()  # an argument whose value the analysis cannot read


def _sizes(value: Value | None) -> object:
    """``size=``: None, a Dim for an int, a tuple of Dims for a sequence."""
    if value is None or convert.is_none(value):
        return None
    if isinstance(value, IntValue):
        return value.dim
    shape = convert.as_shape(value) if isinstance(value, (TupleValue, ShapeValue)) else None
    return tuple(shape.dims) if shape is not None and not shape.variadic else _UNREAD


def _scales(value: Value | None) -> object:
    """``scale_factor=``: None, a float, or a tuple of floats (all literal numbers)."""
    if value is None or convert.is_none(value):
        return None
    number = exact_number(value)
    if number is not None:
        return number
    if isinstance(value, TupleValue):
        numbers = [exact_number(item) for item in value.items]
        if all(n is not None for n in numbers):
            return tuple(numbers)
    return _UNREAD


def _flag(value: Value | None, default: bool | None) -> object:
    if value is None or (default is None and convert.is_none(value)):
        return default
    if isinstance(value, Constant) and isinstance(value.value, bool):
        return value.value
    return _UNREAD


def interpolate_options(get: Callable[[str], Value | None]) -> tuple[Any, ...] | None:
    """The arguments of ``torch_rules.interpolate`` after the input, read by name with
    ``get`` (None when absent) from an ``F.interpolate`` call or an ``nn.Upsample``; None
    when one is written with a value the analysis cannot read."""
    mode = get("mode")
    options = (
        _sizes(get("size")),
        _scales(get("scale_factor")),
        "nearest" if mode is None else convert.as_str(mode) or _UNREAD,
        _flag(get("align_corners"), None),
        _flag(get("antialias"), False),
        _flag(get("recompute_scale_factor"), None),
    )
    return None if _UNREAD in options else options


def _interpolate(call: Call) -> Value:
    """``F.interpolate(x, size, scale_factor, mode, align_corners, recompute_scale_factor,
    antialias)``: an argument whose value is not read makes the result unknown."""
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    options = interpolate_options(call.get)
    if options is None:
        return x.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
    result = run_rule(call, torch_rules.interpolate, x.shape, *options, operands=(x.shape,))
    return x.with_shape(result or UNKNOWN_SHAPE, keep_lineage=False)


KINDS: dict[str, Callable[[Call], Value]] = {
    "torch_interpolate": _interpolate,
    "torch_clamp": _clamp,
    "masked_fill": _masked_fill,
    "batch_norm": _batch_norm,
    "gather": _gather,
    "torch_chunk": _chunk,
    "torch_split": _split,
}
