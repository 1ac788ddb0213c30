# source: https://github.com/TASPlasma/transformer/blob/2189540c30a684cac048d9e505ef9e96cb6e8665/scaled_attention.py
# After the logits became jnp.matmul(q, k.T), the same attention still combined the
# (seq_len, seq_len) attention weights with the (seq_len, d_k) values elementwise:
# softmax(scaled_logits) * v cannot broadcast unless seq_len == d_k, and then it would weigh
# values instead of mixing them. The commit "Multiple bugs fixed and model compiles now"
# turned it into jnp.matmul(softmax(scaled_logits), v).
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
    decoder: bool = False

    def __call__(self, q, k, v, mask=None):
        """
        q: (seq_len, d_model)
        k: (seq_len, d_model)
        v: (seq_len, d_model)
        """
        cfg = self.config  # don't need this?
        d_k = q.shape[-1]

        # q: (seq_len, d_model), k.T (d_model, seq_len)
        qk_matmul = jnp.matmul(q, k.T)  # (seq_len, seq_len)

        scaled_logits = (qk_matmul) / jnp.sqrt(d_k)

        if mask is not None:
            # apply padding mask here
            scaled_logits += (mask - 1) * 1e9

        attn = jax.nn.softmax(scaled_logits) * v  # expect[SHP001,SHP002]

        return attn


cfg = Config()
key_q, key_k, key_v = jax.random.split(jax.random.PRNGKey(0), 3)
q = jax.random.normal(key_q, (cfg.seq_len, cfg.d_k))
k = jax.random.normal(key_k, (cfg.seq_len, cfg.d_k))
v = jax.random.normal(key_v, (cfg.seq_len, cfg.d_k))
attn = ScaledDotProdAttention(cfg)(q, k, v)
