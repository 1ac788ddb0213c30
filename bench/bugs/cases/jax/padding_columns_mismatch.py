# source: https://github.com/b-vanstraaten/QArray/pull/1
# A batched vmap helper pads the gate voltages to a whole number of batches, but builds
# the padding with 2 columns while the voltages have one per gate, 3: "Cannot concatenate
# arrays with shapes that differ in dimensions other than the one being concatenated".
import jax
import jax.numpy as jnp


def batched_vmap(f, Vg, n_dot=2, batch_size=16):
    n = Vg.shape[0]
    pad = (batch_size - n % batch_size) % batch_size
    padded = jnp.concatenate([Vg, jnp.zeros((pad, n_dot))], axis=0)  # expect[SHP001]
    batches = padded.reshape(-1, batch_size, Vg.shape[1])
    return jax.lax.map(jax.vmap(f), batches).reshape(-1)[:n]


Vg = jnp.ones((40, 3))
energies = batched_vmap(lambda v: jnp.sum(v**2), Vg)
