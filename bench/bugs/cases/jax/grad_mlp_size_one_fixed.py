# source: https://github.com/patrick-kidger/equinox/issues/213
# An MLP with out_size=1 returns shape (1,), not a scalar: jax.grad of it fails with
# "Gradient only defined for scalar-output functions. Output had shape: (1,)".
import jax
import jax.numpy as jnp


def init_mlp(key, in_size, width, out_size):
    k1, k2 = jax.random.split(key)
    return [
        (jax.random.normal(k1, (in_size, width)) * 0.1, jnp.zeros(width)),
        (jax.random.normal(k2, (width, out_size)) * 0.1, jnp.zeros(out_size)),
    ]


def mlp(params, x):
    for w, b in params[:-1]:
        x = jnp.tanh(x @ w + b)
    w, b = params[-1]
    return x @ w + b


rng = jax.random.PRNGKey(128)
params = init_mlp(rng, 2, 16, 1)
point = jax.random.uniform(rng, (2,))
slope = jax.grad(lambda x: jnp.reshape(mlp(params, x), ()))(point)
