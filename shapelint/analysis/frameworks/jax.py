"""JAX: ``jax.numpy`` mirrors NumPy's functions and array methods."""

from __future__ import annotations

from shapelint.analysis.frameworks import numpy as np_table
from shapelint.analysis.frameworks.spec import Op, op

FUNCTIONS: dict[str, Op] = dict(np_table.FUNCTIONS)
FUNCTIONS.update({"squeeze": op("squeeze", "x", "axis", strict=True)})

RANDOM: dict[str, Op] = {
    "normal": op("shape", "key", "shape"),
    "uniform": op("shape", "key", "shape"),
    "truncated_normal": op("shape", "key", "lower", "upper", "shape"),
}
