# source: https://github.com/BYUCamachoLab/simphony/issues/92
# A circuit simulation multiplies the scattering matrix rows of the detector ports,
# (freqs, detectors, ports), by the source vector, which was built for a circuit with fewer
# ports: the batched product's contracted sizes differ.
import jax.numpy as jnp

n_freqs, n_ports = 5, 4
s = jnp.ones((n_freqs, n_ports, n_ports))
detector_ports = jnp.array([1, 3])
src_v = jnp.ones((n_freqs, 3))
output = (s[:, detector_ports, :] @ src_v[:, :, None])[:, :, 0]  # expect[SHP001]
