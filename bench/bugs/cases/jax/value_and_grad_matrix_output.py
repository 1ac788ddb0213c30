# source: https://github.com/jax-ml/jax/issues/5848
# A batched image sampler returns one value per (image, point): value_and_grad of it
# fails, its output has shape (2, 2), not ().
import jax
import jax.numpy as jnp


def sample_points(img, coords):
    def one(image, points):
        return jax.scipy.ndimage.map_coordinates(image, [points[:, 0], points[:, 1]], order=1)

    return jax.vmap(one)(img, coords)


loss_and_grad = jax.value_and_grad(sample_points)
images = jnp.zeros((2, 5, 5))
points = jnp.ones((2, 2, 2))
value, grads = loss_and_grad(images, points)  # expect[SHP001]
