"""What the interpreter infers, snippet by snippet.

Op kinds that keep or rearrange dims (analysis/ops_shaping)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import NP, TF, TORCH, infer

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
