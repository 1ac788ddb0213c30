# source: https://github.com/danijar/dreamerv3/issues/32
# The maintainer's answer: a fresh log directory, so the weights match the observations.
import jax
import jax.numpy as jnp

restored = {"encoder": {"w": jnp.zeros((1029, 64)), "b": jnp.zeros(64)}}


@jax.jit
def encode(params, obs):
    layer = params["encoder"]
    return jax.nn.elu(jnp.dot(obs, layer["w"]) + layer["b"])


observations = jnp.ones((4, 1029))
embedding = encode(restored, observations)
