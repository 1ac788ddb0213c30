# source: https://github.com/jax-ml/jax/issues/38087
# jnp.dot's docstring said the leading dimensions of b broadcast against those of a; they do
# not: dot of (batch, steps, 2) features with (batch, 2, 1) per-sample read-out vectors keeps
# both batch axes, (batch, steps, batch, 1), where one (steps, 1) read-out per sample was meant.
import jax
import jax.numpy as jnp


@jax.jit
def readout(features, heads):
    return jnp.dot(features, heads)  # expect[SHP004]


key_f, key_h = jax.random.split(jax.random.PRNGKey(0))
features = jax.random.normal(key_f, (3, 4, 2))
heads = jax.random.normal(key_h, (3, 2, 1))
scores = readout(features, heads)
