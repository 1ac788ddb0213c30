"""JAX code with jaxtyping declarations that the code contradicts."""

import jax.numpy as jnp
from jaxtyping import Array, Float


def project(x: Float[Array, "batch 64"], w: Float[Array, "64 10"]) -> Float[Array, "batch 10"]:
    return x @ w.T  # SHP001: 12


weights = jnp.ones((64, 10))
embeddings = jnp.ones((8, 32))
projected = project(embeddings, weights)  # SHP005: 21
