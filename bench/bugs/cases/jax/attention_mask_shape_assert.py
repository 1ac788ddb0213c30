# source: https://github.com/google-deepmind/dm-haiku/issues/202
# The transformer example builds a causal mask of shape (1, 1, T, T) and the attention
# asserts it has the logits' full (B, H, T, T) shape, which fails at init.
import jax
import jax.numpy as jnp


def attention(query, key, value, mask):
    attn_logits = jnp.einsum("bthd,bThd->bhtT", query, key) / jnp.sqrt(query.shape[-1])
    assert mask.shape == attn_logits.shape  # expect[SHP005]
    attn_logits = jnp.where(mask, attn_logits, -1e30)
    weights = jax.nn.softmax(attn_logits)
    return jnp.einsum("bhtT,bThd->bthd", weights, value)


batch, seq_len, heads, size = 2, 5, 4, 8
rng = jax.random.PRNGKey(0)
q = jax.random.normal(rng, (batch, seq_len, heads, size))
causal_mask = jnp.tril(jnp.ones((1, 1, seq_len, seq_len), dtype=bool))
out = attention(q, q, q, causal_mask)
