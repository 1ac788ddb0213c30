"""Shape rules of torch APIs that check one argument against the input: a mask that must
broadcast (``masked_fill``), per-channel statistics (``F.batch_norm``), a channel count
that must divide (``PixelShuffle``) and a model width (``TransformerEncoderLayer``).

Like ``frameworks.py`` these are pure and pinned by records of real torch
(``tests/data/torch.json``); they raise only on a provable error.
"""

from __future__ import annotations

from shapelint.shapes.algebra import broadcast, broadcast_expansion
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape, ShapeError

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
