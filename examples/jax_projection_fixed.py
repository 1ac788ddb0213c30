"""JAX code whose jaxtyping declarations hold: shapelint stays silent."""

import jax.numpy as jnp
from jaxtyping import Array, Float


def project(x: Float[Array, "batch 64"], w: Float[Array, "64 10"]) -> Float[Array, "batch 10"]:
    return x @ w


def normalise(x: Float[Array, "batch features"]) -> Float[Array, "batch features"]:
    return x / jnp.linalg.norm(x, axis=-1, keepdims=True)


def scores(q: Float[Array, "*batch t d"], k: Float[Array, "*batch s d"]) -> Float[Array, "*batch t s"]:
    return jnp.einsum("...td,...sd->...ts", q, k)


weights = jnp.ones((64, 10))
embeddings = jnp.ones((8, 64))
projected = project(embeddings, weights)
