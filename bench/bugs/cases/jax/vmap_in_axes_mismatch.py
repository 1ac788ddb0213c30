# source: https://github.com/jax-ml/jax/issues/705
# in_axes=(0, 1) maps axis 1 of U, of size 2, against axis 0 of X, of size 10; it
# should be (0, 0).
import jax
import jax.numpy as jnp
import numpy as onp


def h(a, b):
    return jnp.sum(a) + jnp.sum(b)


X = onp.random.randn(10, 4)
U = onp.random.randn(10, 2)
totals = jax.vmap(h, in_axes=(0, 1))(X, U)  # expect[SHP001]
