# source: https://github.com/jax-ml/jax/issues/38087
# jnp.matmul treats the leading axis as a batch: one (4, 1) read-out per sample, (3, 4, 1).
import jax
import jax.numpy as jnp


@jax.jit
def readout(features, heads):
    return jnp.matmul(features, heads)


key_f, key_h = jax.random.split(jax.random.PRNGKey(0))
features = jax.random.normal(key_f, (3, 4, 2))
heads = jax.random.normal(key_h, (3, 2, 1))
scores = readout(features, heads)
