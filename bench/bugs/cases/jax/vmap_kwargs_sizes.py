# source: https://github.com/jax-ml/jax/issues/10193
# A vmapped function called with a keyword argument whose mapped axis has another size.
import jax
import jax.numpy as jnp


@jax.vmap
def f(x, y):
    return x + y


out = f(jnp.array([1.0]), y=jnp.array([1.0, 2.0]))  # expect[SHP001]
