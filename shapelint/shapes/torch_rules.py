"""Shape rules of torch APIs that check one argument against the input: a mask that must
broadcast (``masked_fill``), per-channel statistics (``F.batch_norm``), a channel count
that must divide (``PixelShuffle``) and a model width (``TransformerEncoderLayer``).

Like ``frameworks.py`` these are pure and pinned by records of real torch
(``tests/data/torch.json``); they raise only on a provable error.
"""

from __future__ import annotations

import math
from typing import TypeVar

from shapelint.shapes.algebra import broadcast, broadcast_expansion, normalise_axis
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

DimArg = Dim | int | None


def masked_fill(x: Shape, mask: Shape, inplace: bool = False) -> Shape:
    """``x.masked_fill(mask, v)``: the result has the broadcast shape of ``x`` and ``mask``;
    in place (``masked_fill_``) the broadcast must not stretch ``x``."""
    result = broadcast(x, mask)
    if inplace:
        grows = not x.variadic and not mask.variadic and len(mask.dims) > len(x.dims)
        if grows or broadcast_expansion(x, mask)[0]:
            raise ShapeError(f"output with shape {x} does not match the broadcast shape {result}")
        return x
    return result


def batch_norm(x: Shape, **statistics: Shape | None) -> Shape:
    """``F.batch_norm(x, running_mean, running_var, weight, bias)``: each statistic given is
    a vector of one entry per channel (dim 1 of ``x``); the result has the shape of ``x``."""
    if x.variadic or len(x.dims) < 2:
        return x  # dim 1 is not known, or a 1-D input (torch's rule there is odd): no claim
    channels = x.dims[1]
    for name, stat in statistics.items():
        if stat is None or stat.variadic:
            continue
        if len(stat.dims) != 1:
            raise ShapeError(f"{name} must be a vector of {channels} entries, got {stat}")
        if stat.dims[0].equals(channels) is False:
            raise ShapeError(f"{name} should contain {channels} elements, got {stat} for {x}")
    return x


def pixel_shuffle(x: Shape, factor: int) -> Shape:
    """``nn.PixelShuffle(r)``: (*, C*r*r, H, W) -> (*, C, H*r, W*r); C*r*r must divide."""
    if not x.variadic and len(x.dims) < 3:
        raise ShapeError(f"`PixelShuffle` needs a tensor of rank >= 3, got {x}")
    if len(x.dims) < 3:
        return Shape((UNKNOWN_DIM,) * len(x.dims), True)
    channels, height, width = x.dims[-3:]
    square = factor * factor
    if channels.value is not None and channels.value % square:
        raise ShapeError(f"`PixelShuffle({factor})` needs channels divisible by {square}, got {x}")
    out = (channels // square, height * factor, width * factor)
    return Shape(x.dims[:-3] + out, x.variadic)


def pixel_unshuffle(x: Shape, factor: int) -> Shape:
    """``nn.PixelUnshuffle(r)``: (*, C, H*r, W*r) -> (*, C*r*r, H, W); H and W must divide."""
    if not x.variadic and len(x.dims) < 3:
        raise ShapeError(f"`PixelUnshuffle` needs a tensor of rank >= 3, got {x}")
    if len(x.dims) < 3:
        return Shape((UNKNOWN_DIM,) * len(x.dims), True)
    channels, height, width = x.dims[-3:]
    for name, size in (("height", height), ("width", width)):
        if size.value is not None and size.value % factor:
            raise ShapeError(f"`PixelUnshuffle({factor})` needs the {name} divisible, got {x}")
    out = (channels * (factor * factor), height // factor, width // factor)
    return Shape(x.dims[:-3] + out, x.variadic)


def transformer_encoder_layer(x: Shape, d_model: DimArg) -> Shape:
    """``nn.TransformerEncoderLayer(d_model, nhead)``: a 2-D (S, E) or 3-D batched input
    whose last dim is ``d_model``; the output has the input's shape."""
    if not x.variadic and len(x.dims) not in (2, 3):
        raise ShapeError(f"`TransformerEncoderLayer` needs a 2-D or 3-D tensor, got {x}")
    if x.variadic and len(x.dims) > 3:
        raise ShapeError(f"`TransformerEncoderLayer` needs a 2-D or 3-D tensor, got {x}")
    width = Dim.coerce(d_model)
    if x.dims and x.dims[-1].equals(width) is False:
        raise ShapeError(f"expected the last dim to be d_model={width}, got {x}")
    return x


def _placed(x: Shape, dim: int) -> int | None:
    """The position of ``dim`` in ``x``'s dims, or None when the rank is unknown and the
    dim is not one of the known trailing dims; raises when the rank is known and ``dim``
    is out of range (torch's ``IndexError``)."""
    if x.variadic:
        return len(x.dims) + dim if dim < 0 and -dim <= len(x.dims) else None
    return normalise_axis(dim, len(x.dims))


def _replaced(x: Shape, position: int, size: Dim) -> Shape:
    dims = list(x.dims)
    dims[position] = size
    return Shape(tuple(dims), x.variadic)


def gather(x: Shape, dim: int, index: Shape) -> Shape:
    """``torch.gather(x, dim, index)`` / ``x.gather(dim, index)``: the result has the
    index's shape. A 0-d tensor counts as 1-D; an empty index is taken without any check;
    otherwise the index has ``x``'s rank and no dim larger than ``x``'s, apart from
    ``dim``, along which ``x`` must not be empty (no index value would be in bounds). An
    index dim of unknown size may be 0, so only a fully known index is judged."""
    if x.variadic or index.variadic:
        return index
    rank = max(len(x.dims), 1)
    position = normalise_axis(dim, rank)
    sizes = [d.value for d in index.dims]
    if any(s is None or s == 0 for s in sizes):
        return index
    if max(len(index.dims), 1) != rank:
        raise ShapeError(f"index {index} must have the rank of the input {x} in `gather`")
    if x.dims and x.dims[position].value == 0:
        raise ShapeError(f"no index is in bounds of the empty dim {position} of {x} in `gather`")
    for axis, (want, have) in enumerate(zip(index.dims, x.dims, strict=False)):
        if axis != position and have.value is not None and want.value is not None:
            if want.value > have.value:
                raise ShapeError(
                    f"index {index} is larger than the input {x} at dim {axis} in `gather`"
                )
    return index


def chunk(x: Shape, chunks: int, dim: int = 0) -> list[Shape] | None:
    """``torch.chunk(x, chunks, dim)``: pieces of ``ceil(n / chunks)`` along ``dim``, the
    last one smaller, so there may be fewer than ``chunks`` of them (5 in 3 gives 2, 2, 1;
    2 in 3 gives 1, 1); an empty dim gives ``chunks`` empty pieces. None when the number
    of pieces is not known (the size along ``dim`` is not)."""
    if chunks <= 0:
        raise ShapeError(f"`chunk` expects `chunks` to be greater than 0, got {chunks}")
    if not x.variadic and not x.dims:
        raise ShapeError("`chunk` expects at least a 1-dimensional tensor")
    position = _placed(x, dim)
    n = x.dims[position].value if position is not None else None
    if position is None or n is None:
        return None
    if n == 0:
        return [x] * chunks
    size = -(-n // chunks)
    return _pieces(x, position, n, size)


def _pieces(x: Shape, position: int, n: int, size: int) -> list[Shape]:
    full, rest = divmod(n, size)
    sizes = [size] * full + ([rest] if rest else [])
    return [_replaced(x, position, Dim.of(s)) for s in sizes]


def split(x: Shape, sections: int | Shape, dim: int = 0) -> list[Shape] | None:
    """``torch.split(x, split_size_or_sections, dim)``: an int cuts pieces of that size
    along ``dim`` (the last one smaller; an empty dim gives one empty piece), a list gives
    pieces of those sizes, which must add up to the size along ``dim``. None when the
    number of pieces is not known."""
    if not x.variadic and not x.dims:
        raise ShapeError("`split` expects at least a 1-dimensional tensor")
    position = _placed(x, dim)
    n = x.dims[position].value if position is not None else None
    if isinstance(sections, Shape):
        return _split_sizes(x, sections, position, n)
    if sections < 0:
        raise ShapeError(f"`split` expects a split size of at least 0, got {sections}")
    if position is None or n is None:
        return None
    if n == 0:
        return [x]
    if sections == 0:
        raise ShapeError(f"split size 0 needs an empty dim, got {n} in {x}")
    return _pieces(x, position, n, sections)


def _split_sizes(x: Shape, sizes: Shape, position: int | None, n: int | None) -> list[Shape] | None:
    if sizes.variadic:
        return None
    values = [d.value for d in sizes.dims]
    if any(v is not None and v < 0 for v in values):
        raise ShapeError(f"`split` expects sizes of at least 0, got {sizes}")
    if n is not None and None not in values and sum(v for v in values if v is not None) != n:
        raise ShapeError(f"split sizes {sizes} must add up to {n}, the size of dim {position}")
    if position is None:
        return [UNKNOWN_SHAPE] * len(values) if values else None
    return [_replaced(x, position, d) for d in sizes.dims]


NUMBER = "number"  # a clamp bound given as a Python number
Bound = Shape | str | None  # a tensor bound's shape, NUMBER, or None when not given


def clamp(x: Shape, low: Bound, high: Bound) -> Shape:
    """``torch.clamp(x, min, max)``: a tensor bound broadcasts with ``x``, so a (2, 3)
    ``min`` makes a (3,) ``x`` (2, 3); torch takes two numbers or two tensors (either may
    be left out), not both left out, and never a number with a tensor of 1 or more dims
    (a 0-d tensor passes for a number)."""
    if low is None and high is None:
        raise ShapeError("`clamp` needs a `min` or a `max`")
    tensors = [b for b in (low, high) if isinstance(b, Shape)]
    if NUMBER in (low, high) and any(t.min_rank >= 1 for t in tensors):
        raise ShapeError("`clamp` takes two numbers or two tensors as bounds, not one of each")
    result = x
    for bound in (low, high):
        if isinstance(bound, Shape):
            result = broadcast(result, bound)
    return result


# F.interpolate: the input ranks each mode takes, and the modes that interpolate
_MODE_RANKS = {
    "nearest": (3, 4, 5),
    "nearest-exact": (3, 4, 5),
    "area": (3, 4, 5),
    "linear": (3,),
    "bilinear": (4,),
    "bicubic": (4,),
    "trilinear": (5,),
}
_INTERPOLATING = frozenset({"linear", "bilinear", "bicubic", "trilinear"})
Sizes = Dim | tuple[Dim, ...] | None
Scales = float | tuple[float, ...] | None
_Item = TypeVar("_Item", Dim, float)


def _per_axis(value: _Item | tuple[_Item, ...], count: int, what: str) -> tuple[_Item, ...]:
    """One entry per spatial dim: a single value repeats, a sequence must have one each."""
    if not isinstance(value, tuple):
        return (value,) * count
    if len(value) != count:
        raise ShapeError(f"`interpolate`: {what} has {len(value)} entries for {count} spatial dims")
    return value


def _scaled(d: Dim, scale: float) -> Dim:
    """``floor(d * scale)`` as torch computes it in Python floats."""
    scale = float(scale)
    if d.value is not None:
        return Dim.of(math.floor(float(d.value) * scale))
    if scale.is_integer():
        return d * int(scale)
    return UNKNOWN_DIM


def interpolate(
    x: Shape,
    size: Sizes = None,
    scale_factor: Scales = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
    antialias: bool = False,
    recompute_scale_factor: bool | None = None,
) -> Shape:
    """``F.interpolate(x, size | scale_factor, mode)``: (N, C, *spatial) with 1 to 3
    spatial dims (the rank the mode takes) resized to ``size``, or to
    ``floor(dim * scale_factor)``; exactly one of the two, and every size above 0 (but
    ``area``, an adaptive pooling, may give 0). An unknown mode or rank makes no claim."""
    ranks = _MODE_RANKS.get(mode)
    if ranks is None or x.rank is None:
        return UNKNOWN_SHAPE
    if x.rank not in ranks:
        takes = " or ".join(f"{r}-d" for r in ranks)
        raise ShapeError(f"`interpolate` in mode {mode!r} takes a {takes} input, not {x}")
    if size is None and scale_factor is None:
        raise ShapeError("`interpolate` needs one of size and scale_factor")
    if size is not None and scale_factor is not None:
        raise ShapeError("`interpolate` takes only one of size and scale_factor")
    if align_corners is not None and mode not in _INTERPOLATING:
        raise ShapeError(f"`interpolate`: align_corners does not apply to mode {mode!r}")
    if antialias and mode not in ("bilinear", "bicubic"):
        raise ShapeError(f"`interpolate`: antialias does not apply to mode {mode!r}")
    if recompute_scale_factor and size is not None:
        raise ShapeError("`interpolate`: recompute_scale_factor needs a scale_factor")
    spatial = x.dims[2:]
    if size is not None:
        out = _per_axis(size, len(spatial), "size")
    else:
        assert scale_factor is not None
        scales = _per_axis(scale_factor, len(spatial), "scale_factor")
        out = tuple(_scaled(d, s) for d, s in zip(spatial, scales, strict=True))
    for d in (*spatial, *out) if mode != "area" else ():  # area pools: to 0 is allowed
        if d.value is not None and d.value <= 0:
            raise ShapeError(f"`interpolate`: sizes must be above 0, got {x} to {Shape(out)}")
    return Shape(x.dims[:2] + out)
