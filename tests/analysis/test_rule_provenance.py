"""SHP003 is reported where the weight is created, and links a weight drawn from a shape
value to the tensor whose shape it copied; SHP002 decides by provenance: activations (a
``forward``/``call`` input) times a learned weight matrix a matrix product would fit, a
single-sample row included, while a mask or scale built from parameters stays silent."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

PENDING = pytest.mark.xfail(strict=True, reason="issue 12: not implemented yet")

SHP003 = [
    pytest.param(
        "import torch\n"
        "features = torch.randn(1, 5)\n"
        "weights = torch.randn_like(features)  # SHP003: 11\n"
        "y = torch.mm(features, weights.t())\n",
        id="randn-like-reported-where-the-weight-is-made",
        marks=PENDING,
    ),
    pytest.param(
        "import torch\n"
        "x = torch.ones(8, 16)\n"
        "w = torch.randn(*x.shape)  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="randn-of-a-starred-shape",
        marks=PENDING,
    ),
    pytest.param(
        "import numpy as np\n"
        "a = np.ones((4, 4))\n"
        "weights = np.random.normal(size=a.shape)  # SHP003: 11\n"
        "b = a @ weights\n",
        id="normal-with-size-of-a-shape",
        marks=PENDING,
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "x = jnp.ones((8, 16))\n"
        "w = jax.random.uniform(jax.random.PRNGKey(0), x.shape)  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="jax-uniform-of-a-shape",
        marks=PENDING,
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "x = torch.ones(8, 16)\n"
        "w = nn.Parameter(torch.randn_like(x))  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="parameter-of-randn-like",
        marks=PENDING,
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\nnoise = torch.randn(*x.shape)\ny = x + noise\n",
        id="noise-of-the-input-shape-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\nw = torch.randn(16, 4)\ny = x @ w\n",
        id="weight-of-its-own-shape-fixed",
    ),
]

SHP002 = [
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        return x * self.W  # SHP002: 16\n"
        "out = Net()(torch.ones(1, 5))\n",
        id="single-sample-row-times-a-weight-matrix",
        marks=PENDING,
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        scale = self.W.sum(0, keepdim=True)\n"
        "        return x @ (self.W * scale)\n"
        "out = Net()(torch.ones(1, 5))\n",
        id="scale-built-from-parameters-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        return x @ self.W\n"
        "out = Net()(torch.ones(1, 5))\n",
        id="single-sample-row-times-a-weight-matrix-fixed",
    ),
]


@pytest.mark.parametrize("source", SHP003)
def test_weight_like_input_reported_at_the_weight(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize("source", SHP002)
def test_elementwise_not_matmul_by_provenance(source: str) -> None:
    assert actual(source) == expected(source)
