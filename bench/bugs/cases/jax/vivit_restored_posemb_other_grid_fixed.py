# source: https://github.com/google-research/scenic/issues/598
# With frames at the resolution the checkpoint was trained on, 224x224, each frame gives
# 196 patches plus the class token, matching the restored (1, 197, D) position
# embeddings (another resolution needs them interpolated first).
import jax
import jax.numpy as jnp


def tubelet_tokens(video, kernel, patch=16):
    n, t, h, w, c = video.shape
    x = video.reshape(n * t, h // patch, patch, w // patch, patch, c).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(n * t, (h // patch) * (w // patch), patch * patch * c) @ kernel


def spatial_transformer(params, tokens):
    cls = jnp.broadcast_to(params["cls"], (tokens.shape[0], 1, tokens.shape[-1]))
    x = jnp.concatenate([cls, tokens], axis=1)
    x = x + params["posembed_input"]["pos_embedding"]
    return x[:, 0]


def vivit_factorised(params, video):
    n, t = video.shape[:2]
    tokens = tubelet_tokens(video, params["embedding"])
    frame_cls = spatial_transformer(params["SpatialTransformer"], tokens)
    return frame_cls.reshape(n, t, -1).mean(axis=1) @ params["output_projection"]


keys = jax.random.split(jax.random.PRNGKey(0), 4)
hidden = 8
restored_params = {
    "embedding": jax.random.normal(keys[0], (16 * 16 * 3, hidden)) * 0.02,
    "SpatialTransformer": {
        "cls": jnp.zeros((1, 1, hidden)),
        "posembed_input": {"pos_embedding": jax.random.normal(keys[1], (1, 197, hidden)) * 0.02},
    },
    "output_projection": jax.random.normal(keys[2], (hidden, 174)) * 0.02,
}
video = jax.random.normal(keys[3], (1, 2, 224, 224, 3))
logits = jax.jit(vivit_factorised)(restored_params, video)
