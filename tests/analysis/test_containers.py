"""Containers built at run time: comprehensions of layers and tensors, ``nn.ModuleList`` and
``nn.Sequential`` of a comprehension, ``.append`` in a loop, ``zip``/``enumerate``/
``reversed``/``map`` over them, and iteration over a tensor yielding its rows."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

CASES = [
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.blocks = nn.ModuleList([nn.Linear(16, 16) for _ in range(3)])\n"
        "        self.head = nn.Linear(8, 4)\n"
        "    def forward(self, x):\n"
        "        for block in self.blocks:\n"
        "            x = block(x)\n"
        "        return self.head(x)  # SHP001: 16\n"
        "out = Net()(torch.ones(2, 16))\n",
        id="module-list-of-a-comprehension",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.blocks = nn.ModuleList([nn.Linear(16, 16) for _ in range(3)])\n"
        "        self.head = nn.Linear(16, 4)\n"
        "    def forward(self, x):\n"
        "        for block in self.blocks:\n"
        "            x = block(x)\n"
        "        return self.head(x)\n"
        "out = Net()(torch.ones(2, 16))\n",
        id="module-list-of-a-comprehension-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "seq = nn.Sequential(*[nn.Linear(16, 16) for _ in range(2)], nn.Linear(8, 2))\n"
        "y = seq(torch.ones(3, 16))  # SHP001: 5\n",
        id="sequential-of-a-starred-comprehension",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "seq = nn.Sequential(*[nn.Linear(16, 16) for _ in range(2)], nn.Linear(16, 2))\n"
        "y = seq(torch.ones(3, 16))\n",
        id="sequential-of-a-starred-comprehension-fixed",
    ),
    pytest.param(
        "import torch\n"
        "xs = [torch.ones(2, 3) for _ in range(4)]\n"
        "outs = []\n"
        "for t in xs:\n"
        "    outs.append(t @ torch.ones(3, 5))\n"
        "for a, b in zip(xs, outs):\n"
        "    r = a @ b  # SHP001: 9\n",
        id="append-in-a-loop-then-zip",
    ),
    pytest.param(
        "import torch\n"
        "xs = [torch.ones(2, 3) for _ in range(4)]\n"
        "outs = []\n"
        "for t in xs:\n"
        "    outs.append(t @ torch.ones(3, 5))\n"
        "for a, b in zip(xs, outs):\n"
        "    r = a.T @ b\n",
        id="append-in-a-loop-then-zip-fixed",
    ),
    pytest.param(
        "import torch\n"
        "xs = [torch.ones(2, 3), torch.ones(2, 3)]\n"
        "for i, t in enumerate(xs):\n"
        "    r = t @ torch.ones(2, 3)  # SHP001: 9\n",
        id="enumerate-over-a-list",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "layers = [nn.Linear(4, 8), nn.Linear(8, 4)]\n"
        "x = torch.ones(2, 8)\n"
        "for layer in reversed(layers):\n"
        "    x = layer(x)\n"
        "y = x @ torch.ones(3, 3)  # SHP001: 5\n",
        id="reversed-list-of-layers",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "layers = [nn.Linear(4, 8), nn.Linear(8, 4)]\n"
        "x = torch.ones(2, 8)\n"
        "for layer in reversed(layers):\n"
        "    x = layer(x)\n"
        "y = x @ torch.ones(8, 3)\n",
        id="reversed-list-of-layers-fixed",
    ),
    pytest.param(
        "import torch\n"
        "batch = torch.ones(4, 3)\n"
        "for row in batch:\n"
        "    y = row @ torch.ones(4, 2)  # SHP001: 9\n",
        id="rows-of-a-tensor",
    ),
    pytest.param(
        "import torch\n"
        "batch = torch.ones(4, 3)\n"
        "for row in batch:\n"
        "    y = row @ torch.ones(3, 2)\n",
        id="rows-of-a-tensor-fixed",
    ),
    pytest.param(
        "import torch\n"
        "from einops import rearrange\n"
        "def heads(q, k):\n"
        "    q, k = map(lambda t: rearrange(t, 'b n (h d) -> (b h) n d', h=4), (q, k))\n"
        "    return q @ k  # SHP001: 12\n"
        "s = heads(torch.ones(2, 5, 32), torch.ones(2, 7, 32))\n",
        id="map-of-a-lambda-over-a-tuple",
    ),
    pytest.param(
        "import torch\n"
        "from einops import rearrange\n"
        "def heads(q, k):\n"
        "    q, k = map(lambda t: rearrange(t, 'b n (h d) -> (b h) n d', h=4), (q, k))\n"
        "    return q @ k.transpose(1, 2)\n"
        "s = heads(torch.ones(2, 5, 32), torch.ones(2, 7, 32))\n"
        "r = s.view(8, 35)\n",
        id="map-of-a-lambda-over-a-tuple-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def first(a, b):\n"
        "    return a\n"
        "pairs = list(map(first, (np.ones((2, 3)), np.ones(4)), (np.ones(5),)))\n"
        "r = pairs[0] @ np.ones((4, 1))  # SHP001: 5\n"
        "m = np.ones((3, len(pairs))) @ np.ones((2, 1))  # SHP001: 5\n",
        id="map-stops-at-the-shortest-iterable",
    ),
    pytest.param(
        "import numpy as np\n"
        "from elsewhere import g\n"
        "ys = map(g, [np.ones((2, 3))])\n"
        "out = [y @ np.ones((4, 1)) for y in ys]\n",
        id="map-of-an-unknown-function-is-unknown",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "sizes = [3, 8, 4]\n"
        "params = []\n"
        "for k, (n_in, n_out) in zip(jax.random.split(jax.random.PRNGKey(0), 2),\n"
        "                            zip(sizes[:-1], sizes[1:])):\n"
        "    params.append(jax.random.normal(k, (n_in, n_out)))\n"
        "h = jnp.ones((6, 3)) @ params[0]\n"
        "out = h @ params[0]  # SHP001: 7\n",
        id="zip-over-the-rows-of-an-array-of-keys",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "sizes = [3, 8, 4]\n"
        "params = []\n"
        "for k, (n_in, n_out) in zip(jax.random.split(jax.random.PRNGKey(0), 2),\n"
        "                            zip(sizes[:-1], sizes[1:])):\n"
        "    params.append(jax.random.normal(k, (n_in, n_out)))\n"
        "h = jnp.ones((6, 3)) @ params[0]\n"
        "out = h @ params[1]\n",
        id="zip-over-the-rows-of-an-array-of-keys-fixed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_containers_keep_their_items(source: str) -> None:
    assert actual(source) == expected(source)
