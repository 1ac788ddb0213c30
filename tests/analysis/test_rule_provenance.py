"""SHP003 is reported where the weight is created, and links a weight drawn from a shape
value to the tensor whose shape it copied; SHP002 decides by provenance: activations (a
``forward``/``call`` input) times a learned weight matrix a matrix product would fit, a
single-sample row included, while a mask or scale built from parameters, and a product of
constants, stay silent."""

from __future__ import annotations

import pytest

from shapelint.config import Config
from shapelint.diagnostics import Position
from shapelint.engine import lint_source
from tests.expectations import actual, expected

SHP003 = [
    pytest.param(
        "import torch\n"
        "features = torch.randn(1, 5)\n"
        "weights = torch.randn_like(features)  # SHP003: 11\n"
        "y = torch.mm(features, weights.t())\n",
        id="randn-like-reported-where-the-weight-is-made",
    ),
    pytest.param(
        "import torch\n"
        "x = torch.ones(8, 16)\n"
        "w = torch.randn(*x.shape)  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="randn-of-a-starred-shape",
    ),
    pytest.param(
        "import numpy as np\n"
        "a = np.ones((4, 4))\n"
        "weights = np.random.normal(size=a.shape)  # SHP003: 11\n"
        "b = a @ weights\n",
        id="normal-with-size-of-a-shape",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "x = jnp.ones((8, 16))\n"
        "w = jax.random.uniform(jax.random.PRNGKey(0), x.shape)  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="jax-uniform-of-a-shape",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "x = torch.ones(8, 16)\n"
        "w = nn.Parameter(torch.randn_like(x))  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="parameter-of-randn-like",
    ),
    pytest.param(
        "import torch\n"
        "x = torch.ones(8, 16)\n"
        "w = torch.randn(x.size())  # SHP003: 5\n"
        "y = x @ w.T\n",
        id="randn-of-a-size",
    ),
    pytest.param(
        "import numpy as np\n"
        "def f(x):\n"
        "    w = np.random.randn(*x.shape)  # SHP003: 9\n"
        "    return x @ w.T\n"
        "y = f(np.ones((8, 16)))\n",
        id="randn-of-a-splat-in-a-called-function",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "class Scale(tf.keras.layers.Layer):\n"
        "    def build(self, input_shape):\n"
        "        self.kernel = self.add_weight(shape=input_shape)  # SHP003: 23\n"
        "    def call(self, inputs):\n"
        "        return inputs * self.kernel\n"
        "out = Scale()(tf.ones((4, 8)))\n",
        id="keras-add-weight-of-the-input-shape",
    ),
    pytest.param(
        "import torch\n"
        "features = torch.randn(2, 5)\n"
        "weights = torch.randn_like(features)  # SHP003: 11\n"
        "a = torch.sum(features * weights)\n"
        "b = torch.mm(features, weights.view(5, 2))\n",
        id="one-finding-for-a-weight-combined-twice",
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\nnoise = torch.randn(*x.shape)\ny = x + noise\n",
        id="noise-of-the-input-shape-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\ny = x * torch.randn(*x.shape)\n",
        id="multiplicative-noise-of-the-input-shape-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\nw = torch.randn(*x.shape[1:], 4)\ny = x @ w\n",
        id="a-slice-of-the-shape-is-not-a-copy-fixed",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "class Scale(tf.keras.layers.Layer):\n"
        "    def build(self, input_shape):\n"
        "        self.kernel = self.add_weight(shape=(input_shape[-1], 3))\n"
        "    def call(self, inputs):\n"
        "        return inputs @ self.kernel\n"
        "out = Scale()(tf.ones((4, 8)))\n",
        id="keras-add-weight-in-out-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(8, 16)\nw = torch.randn(16, 4)\ny = x @ w\n",
        id="weight-of-its-own-shape-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "rng = np.random.default_rng(0)\n"
        "X = rng.random((112, 4))\n"
        "W = rng.random(X.shape)  # SHP003: 5\n"
        "hidden = X @ W.T\n",
        id="generator-draw-of-a-shape",
    ),
    pytest.param(
        "import numpy as np\n"
        "rng = np.random.RandomState(0)\n"
        "x = rng.rand(8, 16)\n"
        "theta = rng.normal(0.0, 1.0, size=x.shape)  # SHP003: 9\n"
        "y = x @ theta.T\n",
        id="random-state-normal-of-a-shape",
    ),
    pytest.param(
        "import numpy as np\n"
        "x = np.random.normal(size=(80, 2))\n"
        "w = np.full_like(x, 0.1)  # SHP003: 5\n"
        "prediction = np.dot(w, x.T)\n",
        id="filled-copy-named-as-a-weight",
    ),
    pytest.param(
        "import numpy as np\n"
        "x = np.random.normal(size=(80, 2))\n"
        "ones = np.ones_like(x)\n"
        "column_sums = ones.T @ x\n",
        id="filled-copy-not-named-as-a-weight-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def solve(grad, xl):\n"
        "    free_bd = (xl < 0.0) | (grad < 0.0)\n"
        "    step = np.zeros_like(grad)\n"
        "    sd = np.zeros_like(step)\n"
        "    sd[free_bd] = -grad[free_bd]\n"
        "    k = 0\n"
        "    while k < 3:\n"
        "        step = step + sd\n"
        "        k += 1\n"
        "    return step @ sd\n"
        "solve(np.ones(5), np.zeros(5))\n",
        id="search-directions-filled-like-the-gradient-fixed (scipy cobyqa optim.py)",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(x):\n"
        "    w = np.zeros_like(x)\n"
        "    w[0] = 1.0\n"
        "    return x @ w.T\n"
        "fit(np.ones((4, 3)))\n",
        id="filled-copy-written-after-it-was-made-fixed",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "class HardAttention(tf.keras.layers.Layer):\n"
        "    def build(self, input_shape):\n"
        "        self.attention = self.add_weight(shape=input_shape)  # SHP003: 26\n"
        "    def call(self, inputs):\n"
        "        return inputs * self.attention\n"
        "out = HardAttention()(tf.random.normal((4, 8)))\n",
        id="learned-weight-of-the-input-shape-scaling-the-inputs",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Pruned(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.weight = nn.Parameter(torch.randn(4, 8))\n"
        "        self.mask = nn.Parameter(torch.ones_like(self.weight))\n"
        "    def forward(self, x):\n"
        "        return x @ (self.weight * self.mask).T\n"
        "y = Pruned()(torch.randn(2, 8))\n",
        id="learned-mask-over-a-parameter-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "rng = np.random.default_rng(0)\n"
        "x = rng.random((8, 16))\n"
        "noisy = x * rng.normal(size=x.shape)\n",
        id="generator-multiplicative-noise-fixed",
    ),
]

SHP002 = [
    pytest.param(
        "import numpy as np\nrank_one = np.eye(21, 1) * np.eye(21, 1).T\n",
        id="outer-product-of-constants-fixed (scipy test_solvers.py)",
    ),
    pytest.param(
        "import numpy as np\nrows = np.random.rand(21, 1) * np.random.rand(1, 21)  # SHP002: 8\n",
        id="outer-product-of-drawn-values",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(values):\n"
        "    residuals = np.zeros((6, 1))\n"
        "    residuals[0] = values[0]\n"
        "    return residuals * np.ones(6)  # SHP002: 12\n",
        id="outer-product-of-an-array-filled-after-it-was-made",
    ),
    pytest.param(
        "import numpy as np\n"
        "rng = np.random.RandomState(0)\n"
        "X = rng.randn(200, 3) + rng.randn(200, 1) * np.array([3, 4, 5])\n",
        id="column-times-written-out-coefficients-fixed (scikit-learn test_pca.py)",
    ),
    pytest.param(
        "import torch\nscores = torch.randn(200, 1) * torch.tensor([0.5, 1.0, 2.0])\n",
        id="column-times-written-out-tensor-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "rng = np.random.RandomState(0)\n"
        "X = rng.randn(200, 1) * rng.randn(3)  # SHP002: 5\n",
        id="column-times-drawn-row",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        h = torch.relu(x)\n"
        "        return h * self.W  # SHP002: 16\n"
        "out = Net()(torch.ones(1, 5))\n",
        id="activations-computed-from-the-input-times-a-weight-matrix",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        mask = torch.ones(1, 5)\n"
        "        return x @ (self.W * mask)\n"
        "out = Net()(torch.ones(1, 5))\n",
        id="mask-written-as-a-constant-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.W = nn.Parameter(torch.randn(5, 5))\n"
        "    def forward(self, x):\n"
        "        scale = x.mean(0, keepdim=True)\n"
        "        return x @ (self.W * scale)\n"
        "out = Net()(torch.ones(3, 5))\n",
        id="row-of-the-input-made-to-broadcast-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Scale(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.pos = nn.Parameter(torch.randn(10, 16))\n"
        "    def forward(self, x):\n"
        "        return x * self.pos\n"
        "out = Scale()(torch.ones(2, 10, 16))\n",
        id="activations-meeting-the-weight-axis-by-axis-fixed",
    ),
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


def test_the_weight_finding_names_the_product_and_places_it() -> None:
    source = (
        "import torch\n"
        "features = torch.randn(2, 5)\n"
        "weights = torch.randn_like(features)\n"
        "a = torch.sum(features * weights)\n"
        "b = torch.mm(features, weights.view(5, 2))\n"
    )
    [finding] = lint_source(source, "m.py", Config(select=("SHP",)))
    assert (finding.code, finding.start, finding.end) == (
        "SHP003",
        Position(3, 11),
        Position(3, 37),
    )
    assert finding.message == (
        "`weights` (2, 5) is drawn with the shape of `features` and combined with it in "
        "`features * weights`: a weight should be shaped (in_features, out_features), not "
        "like the input"
    )
    assert [(r.start, r.end, r.message) for r in finding.related] == [
        (Position(4, 15), Position(4, 33), "`weights` is combined with `features` here"),
        (Position(5, 5), Position(5, 43), "`weights` is combined with `features` here"),
    ]


def test_the_weight_finding_shows_the_shape_it_was_drawn_with() -> None:
    """The product sees `weights.t()`, (5, 1); the line reported draws (1, 5)."""
    source = (
        "import torch\n"
        "features = torch.randn(1, 5)\n"
        "weights = torch.randn_like(features)\n"
        "y = torch.mm(features, weights.t())\n"
    )
    [finding] = lint_source(source, "m.py", Config(select=("SHP",)))
    assert finding.message.startswith("`weights` (1, 5) is drawn with the shape of `features`")
