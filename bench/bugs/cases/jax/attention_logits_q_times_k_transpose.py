# source: https://github.com/TASPlasma/transformer/blob/525439eb0f9a0b91516a116a4dcc48b90c985759/scaled_attention.py
# A JAX transformer's scaled dot-product attention (one head, one sequence) wrote the logits
# as q * k.transpose(): a (seq_len, d_k) query times a (d_k, seq_len) key transpose, which
# cannot broadcast; the scores are the matrix product q @ k.T, (seq_len, seq_len). The next
# commit of the repository replaced it with jnp.matmul(q, k.T).
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

    def __call__(self, q, k, v):
        """
        q: (seq_len, d_model)
        k: (seq_len, d_model)
        v: (seq_len, d_model)
        """
        cfg = self.config
        d_k = q.shape[-1]

        scaled_logits = (q * k.transpose()) / jnp.sqrt(d_k)  # expect[SHP001,SHP002]

        attn = jax.nn.softmax(scaled_logits) * v

        return attn


cfg = Config()
key_q, key_k, key_v = jax.random.split(jax.random.PRNGKey(0), 3)
q = jax.random.normal(key_q, (cfg.seq_len, cfg.d_k))
k = jax.random.normal(key_k, (cfg.seq_len, cfg.d_k))
v = jax.random.normal(key_v, (cfg.seq_len, cfg.d_k))
attn = ScaledDotProdAttention(cfg)(q, k, v)
