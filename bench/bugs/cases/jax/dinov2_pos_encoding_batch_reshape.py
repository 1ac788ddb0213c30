# source: https://github.com/huggingface/transformers/issues/34611
# The Flax DINOv2 embeddings interpolate the position embeddings to the input's patch
# grid, then reshape them with the batch size, (hidden_states.shape[0], -1, dim): with two
# images the single set of patch position embeddings is split in two, and it no longer
# concatenates with the (1, 1, dim) class position embedding.
import math

import jax
import jax.numpy as jnp


def interpolate_pos_encoding(patch_size, hidden_states, height, width, position_embeddings):
    num_patches = hidden_states.shape[1] - 1
    num_positions = position_embeddings.shape[1] - 1
    if num_patches == num_positions and height == width:
        return position_embeddings
    class_pos_embed = position_embeddings[:, 0]
    patch_pos_embed = position_embeddings[:, 1:]
    dim = hidden_states.shape[-1]
    h = height // patch_size
    w = width // patch_size
    side = int(math.sqrt(num_positions))
    patch_pos_embed = patch_pos_embed.reshape((1, side, side, dim))
    patch_pos_embed = jnp.transpose(patch_pos_embed, (0, 3, 1, 2))
    scale = jnp.array([(h + 0.1) / side, (w + 0.1) / side], dtype=jnp.float32)
    translation = jnp.array([0.0, 0.0], dtype=jnp.float32)
    patch_pos_embed = jax.image.scale_and_translate(
        patch_pos_embed,
        shape=(patch_pos_embed.shape[0], patch_pos_embed.shape[1], h, w),
        spatial_dims=(2, 3),
        scale=scale,
        translation=translation,
        method="bicubic",
        antialias=False,
    )
    patch_pos_embed = jnp.transpose(patch_pos_embed, (0, 2, 3, 1)).reshape((hidden_states.shape[0], -1, dim))
    return jnp.concatenate((class_pos_embed[jnp.newaxis, :], patch_pos_embed), axis=1)  # expect[SHP001]


class Dinov2Embeddings:
    def __init__(self, key, patch_size=14, image_size=84, channels=3, hidden_size=8):
        k1, k2, k3 = jax.random.split(key, 3)
        self.patch_size = patch_size
        num_patches = (image_size // patch_size) ** 2
        self.projection = jax.random.normal(k1, (patch_size * patch_size * channels, hidden_size)) * 0.02
        self.cls_token = jax.random.normal(k2, (1, 1, hidden_size)) * 0.02
        self.position_embeddings = jax.random.normal(k3, (1, num_patches + 1, hidden_size)) * 0.02

    def __call__(self, pixel_values):
        batch_size, channels, height, width = pixel_values.shape
        p = self.patch_size
        patches = pixel_values.transpose(0, 2, 3, 1).reshape(batch_size, height // p, p, width // p, p, channels)
        patches = patches.transpose(0, 1, 3, 2, 4, 5).reshape(batch_size, -1, p * p * channels)
        embeddings = patches @ self.projection
        cls_tokens = jnp.broadcast_to(self.cls_token, (batch_size, 1, self.cls_token.shape[-1]))
        embeddings = jnp.concatenate((cls_tokens, embeddings), axis=1)
        return embeddings + interpolate_pos_encoding(p, embeddings, height, width, self.position_embeddings)


key = jax.random.PRNGKey(0)
embed = Dinov2Embeddings(key)
pixel_values = jax.random.normal(key, (2, 3, 56, 56))
last_hidden_states = embed(pixel_values)
