# source: https://github.com/jax-ml/jax/issues/6213
# The loss also returns its residuals for logging; without has_aux=True, jax.grad sees a
# tuple output and refuses it.
import jax
import jax.numpy as jnp


def sum_squared_error(x, y):
    return jnp.sum((x - y) ** 2)


def squared_error_with_aux(x, y):
    return sum_squared_error(x, y), x - y


x = jnp.arange(4.0)
y = x + 0.1
grads = jax.grad(squared_error_with_aux)(x, y)  # expect[SHP001]
