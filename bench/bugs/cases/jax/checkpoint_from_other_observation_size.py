# source: https://github.com/danijar/dreamerv3/issues/32
# The agent restores encoder weights from a log directory of another run, trained on a
# different observation size: the first layer's kernel expects 1029 inputs and the
# observations have 1041 ("dot_general requires contracting dimensions to have the same
# shape, got (1041,) and (1029,)").
import jax
import jax.numpy as jnp

restored = {"encoder": {"w": jnp.zeros((1029, 64)), "b": jnp.zeros(64)}}


@jax.jit
def encode(params, obs):
    layer = params["encoder"]
    return jax.nn.elu(jnp.dot(obs, layer["w"]) + layer["b"])  # expect[SHP001]


observations = jnp.ones((4, 1041))
embedding = encode(restored, observations)
