# source: https://github.com/jax-ml/jax/issues/12305
# keepdims=True keeps the mean a (2, 1) column, which broadcasts along each row.
import jax
import jax.numpy as jnp


@jax.jit
def center_rows(x):
    return x - x.mean(axis=1, keepdims=True)


batch = jnp.arange(8.0).reshape(2, 4)
centred = center_rows(batch)
