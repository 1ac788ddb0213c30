"""einops: pattern-driven ``rearrange``, ``reduce``, ``repeat`` and ``einsum``."""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import Op, op

FUNCTIONS: dict[str, Op] = {
    "rearrange": op("einops", "x", "pattern", mode="rearrange", raw_keywords=True),
    "reduce": op("einops", "x", "pattern", "reduction", mode="reduce", raw_keywords=True),
    "repeat": op("einops", "x", "pattern", mode="repeat", raw_keywords=True),
    "einsum": op("einops_einsum", varargs="operands"),
}
