# source: https://github.com/MilesCranmer/lagrangian_nns/issues/6
# The learned Lagrangian's network ends in a width-1 layer; with the squeeze of its last
# axis removed, the function handed to jax.grad returns shape (1,) per state and grad
# raises "Gradient only defined for scalar-output functions".
import jax
import jax.numpy as jnp


def init_params(key, sizes):
    keys = jax.random.split(key, len(sizes) - 1)
    return [
        (jax.random.normal(k, (m, n)) * 0.1, jnp.zeros(n))
        for k, m, n in zip(keys, sizes[:-1], sizes[1:])
    ]


def mlp(params, x):
    for w, b in params[:-1]:
        x = jnp.tanh(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def learned_lagrangian(params):
    def lagrangian(q, q_t):
        state = jnp.concatenate([q, q_t])
        return mlp(params, state)

    return lagrangian


params = init_params(jax.random.PRNGKey(0), [4, 32, 32, 1])
q = jnp.array([0.1, 0.2])
q_t = jnp.array([0.0, 0.3])
dl_dq = jax.grad(learned_lagrangian(params), 0)(q, q_t)  # expect[SHP001]
