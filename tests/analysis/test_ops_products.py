"""What the interpreter infers, snippet by snippet.

Op kinds that contract dims (analysis/ops_products)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import NP, TF, TORCH, K, infer

CASES = [
    (NP + "r = np.ones((2, 3)) @ np.ones((3, 4))", "(2, 4)"),
    (NP + "r = np.dot(np.ones((2, 3, 4)), np.ones((5, 4, 6)))", "(2, 3, 5, 6)"),
    (NP + "r = np.ones(3) @ np.ones((3, 4))", "(4,)"),
    (NP + "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=1)", "(2, 4)"),
    (NP + "r = np.einsum('bij,bjk->bik', np.ones((5, 2, 3)), np.ones((5, 3, 4)))", "(5, 2, 4)"),
    (TORCH + "r = torch.bmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4))", "(5, 2, 4)"),
    (TORCH + "r = torch.ones(2, 3).t()", "(3, 2)"),
    (TORCH + "r = torch.ones(2, 3, 4).mT", "(2, 4, 3)"),
    (TF + "r = tf.matmul(tf.ones((2, 3)), tf.ones((4, 3)), transpose_b=True)", "(2, 4)"),
    (K + "r = K.batch_dot(K.ones((8, 3, 4)), K.ones((8, 4, 5)), axes=(2, 1))", "(8, 3, 5)"),
    (K + "r = K.dot(K.ones((2, 3, 4)), K.ones((7, 4, 5)))", "(2, 3, 7, 5)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
