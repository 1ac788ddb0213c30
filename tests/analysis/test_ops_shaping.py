"""What the interpreter infers, snippet by snippet.

Op kinds that keep or rearrange dims (analysis/ops_shaping)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import JNP, NP, TF, TORCH, codes, infer

CASES = [
    (TORCH + "r = torch.ones(2, 3, 4).view(-1, 4)", "(6, 4)"),
    (TORCH + "r = torch.ones(2, 3, 4).permute(2, 0, 1)", "(4, 2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4).transpose(0, 2)", "(4, 3, 2)"),
    (TORCH + "r = torch.ones(2, 3).unsqueeze(1)", "(2, 1, 3)"),
    (TORCH + "r = torch.ones(2, 1, 3).squeeze()", "(2, 3)"),
    (TORCH + "r = torch.ones(2, 3).squeeze(0)", "(2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4).sum(dim=1)", "(2, 4)"),
    (TORCH + "r = torch.ones(2, 3, 4).mean(-1, keepdim=True)", "(2, 3, 1)"),
    (TORCH + "r, idx = torch.ones(2, 3).max(dim=1)", "(2,)"),
    (TORCH + "r = torch.cat([torch.ones(2, 3), torch.ones(5, 3)])", "(7, 3)"),
    (TORCH + "r = torch.stack([torch.ones(2, 3), torch.ones(2, 3)], dim=1)", "(2, 2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4, 5).flatten(1)", "(2, 60)"),
    (TORCH + "r = torch.ones(2, 1, 4).expand(2, 3, 4)", "(2, 3, 4)"),
    (TORCH + "r = torch.ones(2, 3).repeat(2, 1, 2)", "(2, 2, 6)"),
    (TORCH + "a, b = torch.ones(6, 4).chunk(2, dim=0)\nr = a", "(3, 4)"),
    (NP + "r = np.ones((2, 3, 4)).transpose()", "(4, 3, 2)"),
    (NP + "r = np.ones((2, 3))[:, None, 1:]", "(2, 1, 2)"),
    (NP + "r = np.ones((2, 3, 4))[..., 0]", "(2, 3)"),
    (NP + "r = np.ones((2, 3)).sum(axis=(0, 1), keepdims=True)", "(1, 1)"),
    (NP + "r = np.expand_dims(np.ones(3), axis=(0, 2))", "(1, 3, 1)"),
    (NP + "r = np.concatenate([np.ones((2, 3)), np.ones((2, 4))], axis=1)", "(2, 7)"),
    (NP + "r = np.vstack([np.ones(3), np.ones(3)])", "(2, 3)"),
    (TF + "r = tf.reduce_mean(tf.ones((4, 5, 6)), axis=[1, 2])", "(4,)"),
    (TF + "r = tf.transpose(tf.ones((2, 3, 4)), perm=[0, 2, 1])", "(2, 4, 3)"),
    (TF + "r = tf.expand_dims(tf.ones((2, 3)), -1)", "(2, 3, 1)"),
    (TF + "r = tf.concat([tf.ones((2, 3)), tf.ones((2, 3))], axis=0)", "(4, 3)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape


TRIANGLE_CASES = [
    # the input's shape; NumPy reads a 1-D array as the rows of a square matrix
    (NP + "r = np.tril(np.ones((2, 3, 4)))", "(2, 3, 4)"),
    (NP + "r = np.triu(np.ones((3, 5)), k=1)", "(3, 5)"),
    (NP + "r = np.tril(np.ones(4))", "(4, 4)"),
    (NP + "r = np.tril(m=np.ones((2, 3)), k=-1)", "(2, 3)"),
    (JNP + "r = jnp.tril(jnp.ones((1, 1, 5, 5), dtype=bool))", "(1, 1, 5, 5)"),
    (JNP + "r = jnp.triu(jnp.ones((2, 3)), 1)", "(2, 3)"),
    # JAX refuses fewer than 2 dims: nothing is claimed
    (JNP + "r = jnp.tril(jnp.ones(4))", "(…)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), TRIANGLE_CASES, ids=[c[0].splitlines()[-1] for c in TRIANGLE_CASES]
)
def test_triangle_keeps_the_shape(source: str, shape: str) -> None:
    assert infer(source) == shape


def test_triangle_keeps_a_bool_mask_and_its_asserted_shape_is_checked() -> None:
    source = (
        JNP
        + "m = jnp.tril(jnp.ones((1, 1, 5, 5), dtype=bool))\n"
        + "x = jnp.ones((5, 5, 3, 2))\n"
        + "r = x[m[0, 0]]\n"
        + "assert m.shape == x.shape\n"
    )
    assert infer(source) == "(?, 3, 2)"
    assert codes(source) == [("SHP005", 5)]
    assert codes(source.replace("m.shape == x.shape", "m.ndim == x.ndim")) == []
