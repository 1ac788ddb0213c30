"""einops: pattern-driven ``rearrange``, ``reduce``, ``repeat`` and ``einsum``."""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import LayerSpec, Op, layer, op

_TENSOR = {"tensor": "x"}  # rearrange(tensor, pattern, **axes_lengths)

FUNCTIONS: dict[str, Op] = {
    "rearrange": op("einops", "x", "pattern", mode="rearrange", raw_keywords=True, aliases=_TENSOR),
    "reduce": op(
        "einops", "x", "pattern", "reduction", mode="reduce", raw_keywords=True, aliases=_TENSOR
    ),
    "repeat": op("einops", "x", "pattern", mode="repeat", raw_keywords=True, aliases=_TENSOR),
    "einsum": op("einops_einsum", varargs="operands"),
}

# einops.layers.<backend>.Rearrange("b c h w -> b (c h w)") inside nn.Sequential / keras models
LAYERS: dict[str, LayerSpec] = {
    f"{backend}.{name}": layer("einops_layer", *params, mode=name.lower())
    for backend in ("torch", "keras", "tensorflow", "flax")
    for name, params in (("Rearrange", ("pattern",)), ("Reduce", ("pattern", "reduction")))
}
