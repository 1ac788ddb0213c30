# source: https://github.com/b-vanstraaten/QArray/pull/1
# The pull request's fix: pad with as many columns as the voltages have.
import jax
import jax.numpy as jnp


def batched_vmap(f, Vg, n_dot=2, batch_size=16):
    n = Vg.shape[0]
    pad = (batch_size - n % batch_size) % batch_size
    padded = jnp.concatenate([Vg, jnp.zeros((pad, Vg.shape[1]))], axis=0)
    batches = padded.reshape(-1, batch_size, Vg.shape[1])
    return jax.lax.map(jax.vmap(f), batches).reshape(-1)[:n]


Vg = jnp.ones((40, 3))
energies = batched_vmap(lambda v: jnp.sum(v**2), Vg)
