# source: https://github.com/danijar/dreamerv3/issues/12
# The maintainer's answer: set decoder.minres to 6 for resolutions of the form
# 2 * 2 * ... * 6 such as 48x48; three doublings of 6x6 give the 48x48 image.
import jax
import jax.numpy as jnp
import numpy as np


class ImageDecoderResnet:
    def __init__(self, shape, depth, minres, key):
        self._shape = shape
        self._depth = depth
        self._minres = minres
        self.stages = int(np.log2(shape[-2]) - np.log2(minres))
        keys = jax.random.split(key, self.stages + 1)
        width = depth * 2 ** (self.stages - 1)
        self.params = {"in": jax.random.normal(keys[0], (32, minres * minres * width)) * 0.05}
        for i in range(self.stages):
            out = shape[-1] if i == self.stages - 1 else width // 2
            self.params[f"s{i}res"] = jax.random.normal(keys[i + 1], (width, out)) * 0.05
            width = out

    def __call__(self, x):
        depth = self._depth * 2 ** (self.stages - 1)
        x = x @ self.params["in"]
        x = x.reshape((x.shape[0], self._minres, self._minres, depth))
        for i in range(self.stages):
            x = jnp.repeat(jnp.repeat(x, 2, 1), 2, 2)
            x = jnp.einsum("bhwc,cd->bhwd", x, self.params[f"s{i}res"])
            if i < self.stages - 1:
                x = jax.nn.silu(x)
        assert x.shape[-3:] == self._shape, (x.shape, self._shape)
        return jax.nn.sigmoid(x)


decoder = ImageDecoderResnet((48, 48, 3), depth=8, minres=6, key=jax.random.PRNGKey(0))
features = jnp.ones((2, 32))
recon = jax.jit(decoder.__call__)(features)
