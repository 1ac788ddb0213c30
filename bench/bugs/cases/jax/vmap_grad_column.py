# source: https://github.com/jax-ml/jax/issues/28110
# vmap(grad(f)) over an (N, 1) array: vmap removes one axis, so grad sees (1,)-shaped
# inputs and f returns shape (1,), which grad rejects.
import jax
import jax.numpy as jnp


def f(x):
    return jnp.sin(x) * x**2


x = jnp.linspace(0.0, 1.0, 8).reshape(8, 1)
df = jax.vmap(jax.grad(f))(x)  # expect[SHP001]
