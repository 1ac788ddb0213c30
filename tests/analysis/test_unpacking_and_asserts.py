"""SHP001 for unpacking a ``.shape`` into the wrong number of names, and SHP005 for asserts
on dims that provably fail."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

CASES = [
    pytest.param(
        "import torch\nx = torch.ones(2, 3, 4, 5)\n_, _, _, h, w = x.shape  # SHP001: 1\n",
        id="too-many-names-for-a-4d-shape",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 3, 4, 5)\n_, _, h, w = x.shape\n",
        id="too-many-names-for-a-4d-shape-fixed",
    ),
    pytest.param(
        "import numpy as np\nx = np.ones((2, 3))\nb, c, h = x.shape  # SHP001: 1\n",
        id="too-few-dims-for-the-names",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 3, 4, 5)\nb, *rest, w = x.shape\n",
        id="starred-unpacking-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 3)\nb, c, *rest, w = x.shape  # SHP001: 1\n",
        id="starred-unpacking-needs-more-dims",
    ),
    pytest.param(
        "import torch\nx = torch.ones(3, 4)\na, b = x  # SHP001: 1\n",
        id="an-array-unpacks-into-its-rows",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 4)\na, b = x\nfirst, *rest = x\n",
        id="an-array-unpacks-into-its-rows-fixed",
    ),
    pytest.param(
        "import numpy as np\nx = np.ones(())\na, b = x  # SHP001: 1\n",
        id="a-0d-array-cannot-be-unpacked",
    ),
    pytest.param(
        "import torch\nx = torch.ones(4, 6, 8)\nb, c = x.size()[:2]\n",
        id="sliced-shape-fixed",
    ),
    pytest.param(
        "import torch\n"
        "B, C = 2, 3\n"
        "x = torch.ones(B, C, 8, 8)\n"
        "assert x.shape == (B, 2 * C, *x.shape[2:])  # SHP005: 1\n",
        id="assert-on-a-shape-tuple-that-fails",
    ),
    pytest.param(
        "import torch\n"
        "B, C = 2, 3\n"
        "x = torch.ones(B, 2 * C, 8, 8)\n"
        "assert x.shape == (B, 2 * C, *x.shape[2:])\n",
        id="assert-on-a-shape-tuple-that-fails-fixed",
    ),
    pytest.param(
        "import torch\n"
        "x = torch.ones(2, 3, 5, 4)\n"
        "h = x.shape[2]\n"
        "assert h % 2 == 0  # SHP005: 1\n",
        id="assert-on-a-dim-that-fails",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 3, 6, 4)\nh = x.shape[2]\nassert h % 2 == 0\n",
        id="assert-on-a-dim-that-fails-fixed",
    ),
    pytest.param(
        "import torch\ndef f(x):\n    h = x.shape[2]\n    assert h % 2 == 0\n    return x\n",
        id="assert-on-an-unknown-dim-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 3)\nif x.ndim == 3:\n    assert False, 'unreachable'\n",
        id="an-assert-that-reads-no-size-is-left-alone-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def test_callback():\n"
        "    calls = 0\n"
        "    def callback(x):\n"
        "        nonlocal calls\n"
        "        calls += 1\n"
        "    run(np.ones(3), callback)\n"
        "    assert calls > 0\n",
        id="a-counter-a-nested-function-rebinds-is-unknown-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "class Counter:\n"
        "    def __init__(self, count=0):\n"
        "        self.count = count\n"
        "counter = Counter()\n"
        "ticks = 0\n"
        "def on_epoch(engine):\n"
        "    global ticks\n"
        "    counter.count += 1\n"
        "    ticks += 1\n"
        "run(np.ones(3), on_epoch)\n"
        "assert counter.count == 7\n"
        "assert ticks == 7\n",
        id="an-attribute-or-global-a-handler-changes-is-unknown-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def check(x, fits):\n"
        "    for k in range(1, 6):\n"
        "        if fits(x, k):\n"
        "            continue\n"
        "        assert k == 5\n",
        id="an-assert-on-an-undecided-path-states-what-the-path-implies-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def check(x, ok):\n"
        "    k = 1\n"
        "    if not ok:\n"
        "        return\n"
        "    assert k == 5\n",
        id="an-assert-after-a-branch-that-returned-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def split(x):\n"
        "    h = x.shape[0]\n"
        "    assert h % 2 == 0  # SHP005: 5\n"
        "    return x.reshape(2, h // 2)\n"
        "y = split(np.ones(5))\n",
        id="an-assert-in-a-function-called-on-a-sure-path",
    ),
    pytest.param(
        "import torch\n"
        "cfg = {'dim': 96, 'heads': 5}\n"
        "x = torch.ones(2, cfg['dim'])\n"
        "assert cfg['dim'] % cfg['heads'] == 0\n",
        id="an-item-of-a-dict-may-have-changed-through-an-alias-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "x = np.ones((2, 3))\n"
        "assert all([d % 2 == 0 for d in x.shape])  # SHP005: 1\n",
        id="assert-all-over-the-dims",
    ),
    pytest.param(
        "import numpy as np\nx = np.ones((2, 4))\nassert all([d % 2 == 0 for d in x.shape])\n",
        id="assert-all-over-the-dims-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 16, 8, 8)\nassert len(x.size()) == 3  # SHP005: 1\n",
        id="torch-rank-by-len-of-size",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 16, 8)\nassert len(x.size()) == 3\n",
        id="torch-rank-by-len-of-size-fixed",
    ),
    pytest.param(
        "import torch\nx = torch.ones(2, 16)\nassert x.size(0) == 3  # SHP005: 1\n"
        "y = torch.ones(2, 16)\nassert y.size(-1) == 16\n",
        id="torch-dim-by-size-of-an-axis",
    ),
    pytest.param(
        "import torch\n"
        "from torch import _assert\n"
        "def split(x):\n"
        "    h = x.shape[0]\n"
        "    _assert(h % 2 == 0, 'height must be even')  # SHP005: 5\n"
        "    return x.reshape(2, h // 2)\n"
        "y = split(torch.ones(5))\n",
        id="torch-assert-is-an-assert-and-ends-the-path",
    ),
    pytest.param(
        "import torch\n"
        "def split(x):\n"
        "    h = x.shape[0]\n"
        "    torch._check(h % 2 == 0, lambda: 'height must be even')\n"
        "    return x.reshape(2, h // 2)\n"
        "y = split(torch.ones(6))\n",
        id="torch-check-that-holds-fixed",
    ),
    pytest.param(
        "import torch\n"
        "x = torch.ones(2, 3)\n"
        "torch._assert(x.shape == (2, 4), 'shape')  # SHP005: 1\n",
        id="torch-assert-on-a-shape",
    ),
]


SLICES = [
    pytest.param(
        "import jax.numpy as jnp\n"
        "x = jnp.ones((2, 32, 32, 3))\n"
        "assert x.shape[-3:] == (48, 48, 3)  # SHP005: 1\n",
        id="the-last-dims-against-a-literal",
    ),
    pytest.param(
        "import numpy as np\n"
        "class Decoder:\n"
        "    def __init__(self, shape):\n"
        "        self._shape = shape\n"
        "    def check(self, x):\n"
        "        assert x.shape[1:] == self._shape, x.shape  # SHP005: 9\n"
        "Decoder((48, 3)).check(np.ones((2, 32, 3)))\n",
        id="the-trailing-dims-against-a-tuple-held-by-an-attribute",
    ),
    pytest.param(
        "import numpy as np\n"
        "x = np.ones((2, 48, 48, 3))\n"
        "assert x.shape[-3:] == (48, 48, 3)\n"
        "assert x.shape[:2] == (2, 48)\n"
        "s = (48, 48, 3)\n"
        "assert x.shape[1:] == s\n",
        id="slices-that-hold",
    ),
    pytest.param(
        "import numpy as np\n"
        "def f(x, n):\n"
        "    assert x.shape[-2:] == (n, 3)\n"
        "    assert x.shape[::2] == (4, 3)\n"
        "    assert x.shape[1:] == [5, 3]\n"
        "    return x\n"
        "f(np.ones((2, 5, 3)), len(input()))\n"
        "def g(x):\n"
        "    assert x.shape[1:] == (5, 3)\n"
        "g(np.ones((2, 5, 3)))\n",
        id="unknown-sizes-a-step-or-a-list-decide-nothing",
    ),
]


@pytest.mark.parametrize("source", SLICES)
def test_asserts_on_a_slice_of_the_shape(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize("source", CASES)
def test_unpacking_and_asserts(source: str) -> None:
    assert actual(source) == expected(source)


def test_an_object_handed_to_an_unseen_function_may_come_back_changed() -> None:
    """``tuner.scale_batch_size(model)`` sets ``model.batch_size`` (Lightning's tuner tests):
    after an object goes to a function the analysis cannot see, its plain data attributes
    are unknown, while its layers stay known."""
    source = (
        "import torch\n"
        "from torch import nn\n"
        "from lightning import Tuner\n"
        "class Model(nn.Module):\n"
        "    def __init__(self, batch_size):\n"
        "        super().__init__()\n"
        "        self.batch_size = batch_size\n"
        "        self.fc = nn.Linear(4, 2)\n"
        "    def forward(self, x):\n"
        "        return self.fc(x)  # SHP001: 16\n"
        "model = Model(batch_size=2)\n"
        "Tuner().scale_batch_size(model)\n"
        "after = model.batch_size\n"
        "assert after != 2\n"
        "y = model(torch.randn(3, 5))\n"
    )
    assert actual(source) == expected(source)
