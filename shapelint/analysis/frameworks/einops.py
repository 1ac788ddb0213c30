"""einops: pattern-driven ``rearrange``, ``reduce``, ``repeat`` and ``einsum``."""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import LayerSpec, Op, layer, op

# rearrange(tensor, pattern, **axes_lengths): the roles are the real parameter names, so an
# axis length keyword named like a role of other kinds (``x=4``) stays an axis length

FUNCTIONS: dict[str, Op] = {
    "rearrange": op("einops", "tensor", "pattern", mode="rearrange", raw_keywords=True),
    "reduce": op("einops", "tensor", "pattern", "reduction", mode="reduce", raw_keywords=True),
    "repeat": op("einops", "tensor", "pattern", mode="repeat", raw_keywords=True),
    "einsum": op("einops_einsum", varargs="operands"),
}

# einops.layers.<backend>.Rearrange("b c h w -> b (c h w)") inside nn.Sequential / keras models
LAYERS: dict[str, LayerSpec] = {
    f"{backend}.{name}": layer("einops_layer", *params, mode=name.lower())
    for backend in ("torch", "keras", "tensorflow", "flax")
    for name, params in (("Rearrange", ("pattern",)), ("Reduce", ("pattern", "reduction")))
}
