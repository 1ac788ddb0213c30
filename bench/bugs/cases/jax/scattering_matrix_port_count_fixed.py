# source: https://github.com/BYUCamachoLab/simphony/issues/92
# The source vector built with one entry per port of this circuit.
import jax.numpy as jnp

n_freqs, n_ports = 5, 4
s = jnp.ones((n_freqs, n_ports, n_ports))
detector_ports = jnp.array([1, 3])
src_v = jnp.ones((n_freqs, n_ports))
output = (s[:, detector_ports, :] @ src_v[:, :, None])[:, :, 0]
