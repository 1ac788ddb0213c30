"""The element kind of an index decides what ``a[idx]`` is: an integer array gathers (the
result takes the index's whole shape), a boolean mask selects (its dims collapse into one of
unknown length), and an index of unknown kind leaves the result unknown beyond rank 1."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

NP = "import numpy as np\n"
TORCH = "import torch\n"
JAX = "import jax\nimport jax.numpy as jnp\n"

CASES = [
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.array([[0, 1, 2], [1, 2, 3]])\n"
        "r = a[idx] @ np.ones((5, 1))  # SHP001: 5\n",
        id="numpy-literal-of-ints-gathers",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.array([[0, 1, 2], [1, 2, 3]])\n"
        "r = a[idx] @ np.ones((4, 1))\n",
        id="numpy-literal-of-ints-gathers-fixed",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3), dtype='int64').reshape(3, 2)\n"
        "r = a[idx] + np.ones((2, 3, 4))  # SHP001: 5\n",
        id="numpy-reshape-keeps-the-kind",
    ),
    pytest.param(
        TORCH + "emb = torch.randn(10, 8)\n"
        "tokens = torch.randint(0, 10, (4, 6))\n"
        "h = emb[tokens] @ torch.randn(6, 8)  # SHP001: 5\n",
        id="torch-embedding-lookup-by-randint",
    ),
    pytest.param(
        TORCH + "emb = torch.randn(10, 8)\n"
        "tokens = torch.randint(0, 10, (4, 6))\n"
        "h = emb[tokens] @ torch.randn(8, 8)\n",
        id="torch-embedding-lookup-by-randint-fixed",
    ),
    pytest.param(
        TORCH + "x = torch.randn(5, 4)\n"
        "idx = torch.zeros(3, 2).long()\n"
        "y = x[idx] + torch.randn(3, 2, 5)  # SHP001: 5\n",
        id="torch-long-cast-gathers",
    ),
    pytest.param(
        JAX + "x = jnp.ones((5, 4))\n"
        "idx = jnp.zeros((2, 3), dtype=jnp.int32)\n"
        "y = x[idx] + jnp.ones((2, 3, 5))  # SHP001: 5\n",
        id="jax-int-dtype-gathers",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\nm = a > 0\ns = a[m]\nr = s + np.ones((3, 7))\n",
        id="numpy-2d-mask-selects-an-unknown-count",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4, 3))\n"
        "m = np.ones((5, 4), dtype=bool)\n"
        "r = a[m] + np.ones((2,))  # SHP001: 5\n",
        id="numpy-2d-bool-mask-keeps-the-trailing-dim",
    ),
    pytest.param(
        TORCH + "x = torch.randn(5, 4, 3)\n"
        "m = torch.zeros(5, 4, dtype=torch.uint8)\n"
        "y = x[m] + torch.randn(2)  # SHP001: 5\n",
        id="torch-uint8-index-is-a-mask",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3), dtype=np.uint8)\n"
        "r = a[idx] + np.ones((2, 3, 5))  # SHP001: 5\n",
        id="numpy-uint8-index-gathers",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3))\n"
        "r = a[idx.astype(int)] + np.ones((2, 3, 4))\n",
        id="numpy-astype-int-gathers-fixed",
    ),
    pytest.param(
        NP + "def f(a, idx):\n    a = np.ones((5, 4))\n    return a[idx] + np.ones((2, 3, 9))\n",
        id="index-of-unknown-kind-stays-silent",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3), dtype=int) * 0.5\n"
        "r = a[idx] + np.ones((7, 7, 7))\n",
        id="arithmetic-forgets-the-kind",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_index_kind_decides_gather_or_mask(source: str) -> None:
    assert actual(source) == expected(source)
