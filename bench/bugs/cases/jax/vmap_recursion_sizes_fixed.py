# source: https://github.com/jax-ml/jax/issues/3877
# The mapped arguments xt (7,) and xl (2,) have different sizes along the mapped axis.
import jax
import jax.numpy as jnp


def recursion(depth, seed, xt, xl):
    seed, sample_seed = jax.random.split(seed)
    if depth == 2:
        return xl
    xl = xl + jax.random.normal(sample_seed, ())
    return recursion(depth + 1, seed, xt, xl)


key = jax.random.PRNGKey(2)
out = jax.vmap(recursion, in_axes=(None, None, 0, 0))(0, key, jnp.linspace(0, 1, 7), jnp.zeros([7]))
