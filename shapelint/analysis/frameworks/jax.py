"""JAX: ``jax.numpy`` mirrors NumPy's functions and array methods."""

from __future__ import annotations

from shapelint.analysis.frameworks import jax_params
from shapelint.analysis.frameworks import numpy as np_table
from shapelint.analysis.frameworks.spec import Op, declare, op

# NumPy names jax.numpy does not have (checked against the recorded signatures)
_NOT_IN_JAX = (
    "asanyarray asarray_chkfinite ascontiguousarray fix row_stack random.normal "
    "random.permutation random.rand random.randint random.randn random.random "
    "random.random_sample random.standard_normal random.uniform"
).split()

FUNCTIONS: dict[str, Op] = {
    name: spec for name, spec in np_table.FUNCTIONS.items() if name not in _NOT_IN_JAX
}
FUNCTIONS.update(
    {
        "squeeze": op("squeeze", "x", "axis", strict=True),
        "concat": op("concat", "seq", default_axis=0),  # concat(arrays, /, *, axis=0)
    }
)

# jax.Array methods: NumPy's, less the in-place ones an immutable array lacks.
METHODS: dict[str, Op] = {
    name: spec
    for name, spec in np_table.METHODS.items()
    if name not in ("fill", "resize", "tolist")
}

RANDOM: dict[str, Op] = {
    "normal": op("shape", "key", "shape", random=True),
    "uniform": op("shape", "key", "shape", random=True),
    "truncated_normal": op("shape", "key", "lower", "upper", "shape", random=True),
    # keys (see ops_jax): the legacy raw key, whose shape depends on ``impl``, and the
    # typed key, 0-d under every implementation
    "PRNGKey": op("prng_key", "seed"),
    "key": op("prng_key", "seed", typed=True),
    "split": op("split_key", "key", "num"),
    "fold_in": op("derived_key", "key", "data"),
}

# jax.nn: the activations act elementwise (softmax and glu-free ones along an axis keep the
# shape too); one_hot adds a last axis of num_classes
NN: dict[str, Op] = {
    name: op("identity")
    for name in (
        "relu relu6 sigmoid silu swish gelu elu selu celu leaky_relu softplus soft_sign "
        "log_sigmoid hard_tanh hard_sigmoid hard_silu mish squareplus softmax log_softmax"
    ).split()
}
NN["one_hot"] = op("one_hot", "x", "depth", aliases={"num_classes": "depth"})

# jax.lax functions that are plain ops (scan, fori_loop and the like are in ``transforms``)
LAX: dict[str, Op] = {"stop_gradient": op("identity")}

# jax.scipy.ndimage: map_coordinates samples ``input`` at one point per element of the
# (broadcast) coordinate arrays
SCIPY_NDIMAGE: dict[str, Op] = {
    "map_coordinates": op("map_coordinates", "x", "coordinates", "order", aliases={"input": "x"}),
}

# every real parameter classified: see spec.py and tests/shapes/test_signatures.py
FUNCTIONS = declare(FUNCTIONS, jax_params.FUNCTIONS)
RANDOM = declare(RANDOM, jax_params.RANDOM)
METHODS = declare(METHODS, jax_params.METHODS)
NN = declare(NN, jax_params.NN)
SCIPY_NDIMAGE = declare(SCIPY_NDIMAGE, jax_params.SCIPY_NDIMAGE)
