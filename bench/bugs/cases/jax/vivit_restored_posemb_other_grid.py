# source: https://github.com/google-research/scenic/issues/598
# The factorised ViViT's spatial position embeddings and its token grid disagree; the
# report has (1, 197, 1024) against (1, 257, 1024), a 14x14 patch grid against 16x16.
# Here embeddings restored from a 224x224 checkpoint (197 tokens) meet 256x256 frames
# (257 tokens per frame), and adding them fails.
import jax
import jax.numpy as jnp


def tubelet_tokens(video, kernel, patch=16):
    n, t, h, w, c = video.shape
    x = video.reshape(n * t, h // patch, patch, w // patch, patch, c).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(n * t, (h // patch) * (w // patch), patch * patch * c) @ kernel


def spatial_transformer(params, tokens):
    cls = jnp.broadcast_to(params["cls"], (tokens.shape[0], 1, tokens.shape[-1]))
    x = jnp.concatenate([cls, tokens], axis=1)
    x = x + params["posembed_input"]["pos_embedding"]  # expect[SHP001]
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
video = jax.random.normal(keys[3], (1, 2, 256, 256, 3))
logits = jax.jit(vivit_factorised)(restored_params, video)
