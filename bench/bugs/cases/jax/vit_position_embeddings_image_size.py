# source: https://github.com/clip-italian/clip-italian/issues/19
# The image tower is a ViT-L/32 trained at 384x384, so its position embeddings cover
# 12 * 12 + 1 = 145 tokens; the evaluation loader still yields 224x224 images, which give
# 7 * 7 + 1 = 50 tokens: "add got incompatible shapes for broadcasting: (B, 50, D), (1, 145, D)".
import jax
import jax.numpy as jnp


class ViTEmbeddings:
    def __init__(self, key, image_size=384, patch_size=32, channels=3, hidden_size=16):
        k1, k2, k3 = jax.random.split(key, 3)
        self.patch_size = patch_size
        num_patches = (image_size // patch_size) ** 2
        self.projection = jax.random.normal(k1, (patch_size * patch_size * channels, hidden_size)) * 0.02
        self.cls_token = jax.random.normal(k2, (1, 1, hidden_size)) * 0.02
        self.position_embeddings = jax.random.normal(k3, (1, num_patches + 1, hidden_size)) * 0.02

    def __call__(self, pixel_values):
        batch_size, height, width, channels = pixel_values.shape
        p = self.patch_size
        patches = pixel_values.reshape(batch_size, height // p, p, width // p, p, channels)
        patches = patches.transpose(0, 1, 3, 2, 4, 5).reshape(batch_size, -1, p * p * channels)
        embeddings = patches @ self.projection
        cls_tokens = jnp.broadcast_to(self.cls_token, (batch_size, 1, self.cls_token.shape[-1]))
        embeddings = jnp.concatenate((cls_tokens, embeddings), axis=1)
        embeddings = embeddings + self.position_embeddings  # expect[SHP001]
        return embeddings


embed = ViTEmbeddings(jax.random.PRNGKey(0))
image_features = jax.jit(embed.__call__)
images = jnp.ones((2, 224, 224, 3))
tokens = image_features(images)
