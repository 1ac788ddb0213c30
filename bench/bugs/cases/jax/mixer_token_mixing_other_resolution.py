# source: https://github.com/google-research/vision_transformer/issues/274
# The Mixer-B/16 weights were trained at 224x224, so the token-mixing MLP's kernel maps
# (224 / 16) ** 2 = 196 tokens; fine-tuning on 128x128 images gives 64 tokens and the
# restored kernel "expected shape (196, 384) but got (64, 384)".
import jax
import jax.numpy as jnp


def layer_norm(x, eps=1e-6):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + eps)


def mlp_block(params, x):
    y = jax.nn.gelu(x @ params["Dense_0"]["kernel"] + params["Dense_0"]["bias"])  # expect[SHP001]
    return y @ params["Dense_1"]["kernel"] + params["Dense_1"]["bias"]


def mixer_block(params, x):
    y = layer_norm(x)
    y = jnp.swapaxes(y, 1, 2)
    y = mlp_block(params["token_mixing"], y)
    y = jnp.swapaxes(y, 1, 2)
    x = x + y
    y = layer_norm(x)
    return x + mlp_block(params["channel_mixing"], y)


def mixer(params, inputs, patch=16):
    n, h, w, c = inputs.shape
    x = inputs.reshape(n, h // patch, patch, w // patch, patch, c).transpose(0, 1, 3, 2, 4, 5)
    x = x.reshape(n, (h // patch) * (w // patch), patch * patch * c) @ params["stem"]
    x = mixer_block(params["MixerBlock_0"], x)
    return layer_norm(x).mean(axis=1) @ params["head"]


def dense(key, n_in, n_out):
    return {"kernel": jax.random.normal(key, (n_in, n_out)) * 0.02, "bias": jnp.zeros((n_out,))}


keys = jax.random.split(jax.random.PRNGKey(0), 6)
hidden, tokens, tokens_mlp_dim, channels_mlp_dim = 8, 196, 16, 32
restored_params = {
    "stem": jax.random.normal(keys[0], (16 * 16 * 3, hidden)) * 0.02,
    "MixerBlock_0": {
        "token_mixing": {"Dense_0": dense(keys[1], tokens, tokens_mlp_dim), "Dense_1": dense(keys[2], tokens_mlp_dim, tokens)},
        "channel_mixing": {"Dense_0": dense(keys[3], hidden, channels_mlp_dim), "Dense_1": dense(keys[4], channels_mlp_dim, hidden)},
    },
    "head": jax.random.normal(keys[5], (hidden, 10)) * 0.02,
}
dummy_inputs = jnp.ones((1, 128, 128, 3), dtype=jnp.float32)
logits = jax.jit(mixer)(restored_params, dummy_inputs)
