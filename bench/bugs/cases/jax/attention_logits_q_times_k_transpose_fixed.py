# source: https://github.com/TASPlasma/transformer/blob/42ebcc2b2682dd5f2e340dad1a9a98e1dd40e135/scaled_attention.py
# The repository's fix: both products of the attention are matrix products, the logits
# jnp.matmul(q, k.T) of shape (seq_len, seq_len) and the output
# jnp.matmul(softmax(logits), v) of shape (seq_len, d_k).
from dataclasses import dataclass

import jax
import jax.numpy as jnp


@dataclass
class Config:
    model_size: int = 8
    d_k: int = 4
    seq_len: int = 5


@dataclass
class ScaledDotProdAttention:
    config: Config
    masked: bool = False

    def __call__(self, q, k, v, mask=None):
        """
        q: (seq_len, d_model)
        k: (seq_len, d_model)
        v: (seq_len, d_model)
        """
        cfg = self.config
        d_k = q.shape[-1]

        # q: (seq_len, d_model), k.T: (d_model, seq_len)
        qk_matmul = jnp.matmul(q, k.T)  # (seq_len, seq_len)

        scaled_logits = (qk_matmul) / jnp.sqrt(d_k)

        if mask is not None:
            # apply padding mask here
            scaled_logits += (mask - 1) * 1e9

        if self.masked:
            look_ahead_mask = jnp.triu(jnp.ones(shape=(cfg.seq_len, cfg.seq_len)), k=1)
            scaled_logits -= look_ahead_mask * 1e9

        attn = jnp.matmul(jax.nn.softmax(scaled_logits), v)

        return attn


cfg = Config()
key_q, key_k, key_v = jax.random.split(jax.random.PRNGKey(0), 3)
q = jax.random.normal(key_q, (cfg.seq_len, cfg.d_k))
k = jax.random.normal(key_k, (cfg.seq_len, cfg.d_k))
v = jax.random.normal(key_v, (cfg.seq_len, cfg.d_k))
attn = ScaledDotProdAttention(cfg)(q, k, v)
causal = ScaledDotProdAttention(cfg, masked=True)(q, k, v)
