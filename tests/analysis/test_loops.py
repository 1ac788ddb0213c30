"""Loops: what a loop body reaches is reported whichever pass met it first, and the first
iterations are checked exactly before the loop state is joined and widened.

Each case is a program whose marked findings must be exactly what is reported; the
look-alike correct program beside it marks nothing and must stay silent."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

REACHED_FROM_A_LOOP = [
    pytest.param(
        "import torch\n"
        "def proj(x):\n"
        "    w = torch.ones(5, 3)\n"
        "    return x @ w  # SHP001: 12\n"
        "x = torch.ones(4, 4)\n"
        "for _ in range(2):\n"
        "    y = proj(x)\n",
        id="function-called-only-in-a-loop",
    ),
    pytest.param(
        "import torch\n"
        "def proj(x):\n"
        "    w = torch.ones(4, 3)\n"
        "    return x @ w\n"
        "x = torch.ones(4, 4)\n"
        "for _ in range(2):\n"
        "    y = proj(x)\n",
        id="function-called-only-in-a-loop-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Block(nn.Module):\n"
        "    def __init__(self, x):\n"
        "        super().__init__()\n"
        "        self.h = x @ torch.ones(3, 2)  # SHP001: 18\n"
        "for _ in range(2):\n"
        "    b = Block(torch.ones(2, 4))\n",
        id="class-built-only-in-a-loop",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Block(nn.Module):\n"
        "    def __init__(self, x):\n"
        "        super().__init__()\n"
        "        self.h = x @ torch.ones(4, 2)\n"
        "for _ in range(2):\n"
        "    b = Block(torch.ones(2, 4))\n",
        id="class-built-only-in-a-loop-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def step(h):\n"
        "    return h @ np.ones((3, 3))  # SHP001: 12\n"
        "def run(h):\n"
        "    for _ in range(4):\n"
        "        for _ in range(2):\n"
        "            h = step(np.ones((2, 4)))\n"
        "    return h\n"
        "run(None)\n",
        id="function-called-in-a-nested-loop",
    ),
]

FIRST_ITERATIONS = [
    pytest.param(
        "import numpy as np\n"
        "state = np.zeros(5)\n"
        "for _ in range(3):\n"
        "    state = np.ones((2, 5)) @ state  # SHP001: 13\n",
        id="range-3-fails-on-the-second-iteration",
    ),
    pytest.param(
        "import numpy as np\n"
        "state = np.zeros(5)\n"
        "for _ in range(3):\n"
        "    state = np.ones((5, 5)) @ state\n",
        id="range-3-fails-on-the-second-iteration-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(batches):\n"
        "    w = np.zeros((3, 1))\n"
        "    for batch in batches:\n"
        "        y = np.ones((8, 4)) @ w  # SHP001: 13\n"
        "        w = np.ones((4, 1))\n"
        "    return w\n",
        id="unknown-count-fails-on-the-first-iteration",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(batches):\n"
        "    w = np.zeros((4, 1))\n"
        "    for batch in batches:\n"
        "        y = np.ones((8, 4)) @ w\n"
        "        w = np.ones((4, 1))\n"
        "    return w\n",
        id="unknown-count-fails-on-the-first-iteration-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "X = np.ones((4, 3))\n"
        "w = np.zeros(3)\n"
        "for _ in range(3):\n"
        "    err = X @ w - np.ones(4)  # SHP006: 11\n"
        "    w = w - X.T @ err\n"
        "    w = w.reshape(3, 1)  # SHP001: 9\n",
        id="gradient-step-reshaped-in-the-loop",
    ),
    pytest.param(
        "import numpy as np\n"
        "h = np.zeros((2, 4))\n"
        "for i in range(3):\n"
        "    if i == 2:\n"
        "        break\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "r = h @ np.ones((16, 1))\n",
        id="range-with-break-is-exact-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "h = np.zeros((2, 4))\n"
        "for i in range(3):\n"
        "    if i == 2:\n"
        "        break\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "r = h @ np.ones((8, 1))  # SHP001: 5\n",
        id="range-with-break-is-exact",
    ),
    pytest.param(
        "import numpy as np\n"
        "h = np.zeros((2, 4))\n"
        "for _ in range(2):\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "r = h @ np.ones((8, 1))  # SHP001: 5\n",
        id="range-unrolled-state-after-the-loop",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(repl):\n"
        "    found = []\n"
        "    for i in range(repl):\n"
        "        if i == 10:\n"
        "            mean = np.mean(found, axis=0)\n"
        "            head = mean[:3]\n"
        "        found.append(np.ones(6))\n",
        id="the-first-iteration-of-a-range-binds-its-start-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def fit(repl, x):\n"
        "    for i in range(repl):\n"
        "        if i == 0:\n"
        "            y = x @ np.ones((4, 2))  # SHP001: 17\n"
        "y = fit(3, np.ones((2, 3)))\n",
        id="the-first-iteration-of-a-range-binds-its-start",
    ),
    pytest.param(
        "import numpy as np\n"
        "c = np.array([1.0, 2.0])\n"
        "def line(x):\n"
        "    res = 0\n"
        "    xfac = 1\n"
        "    for ck in c:\n"
        "        res -= ck * xfac\n"
        "        xfac /= x\n"
        "    return res\n"
        "r = line(np.ones(500))\n",
        id="a-numpy-scalar-updated-in-a-loop-is-rebound-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def check(groups):\n"
        "    for group in groups:\n"
        "        for image in group:\n"
        "            assert image.shape[0] % 16 == 0  # SHP005: 13\n"
        "check([[np.ones((121, 3))], [np.ones((128, 3))]])\n",
        id="an-inner-loop-over-known-items-asserts-on-its-first-item",
    ),
    pytest.param(
        "import numpy as np\n"
        "def check(groups):\n"
        "    for group in groups:\n"
        "        for image in group:\n"
        "            assert image.shape[0] % 16 == 0\n"
        "check([[np.ones((128, 3))], [np.ones((64, 3))]])\n",
        id="an-inner-loop-over-known-items-asserts-on-its-first-item-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "def check(groups, images):\n"
        "    for group in groups:\n"
        "        for image in images:\n"
        "            assert image.shape[0] % 16 == 0\n"
        "check([1, 2], [np.ones((121, 3)) for _ in range(0)])\n",
        id="a-loop-that-may-not-run-does-not-prove-its-assert",
    ),
    pytest.param(
        "import numpy as np\n"
        "def rows(grid):\n"
        "    for batch in grid:\n"
        "        for row in batch:\n"
        "            assert row.shape[0] == 4  # SHP005: 13\n"
        "rows([np.ones((2, 3)), np.ones((2, 3))])\n",
        id="an-inner-loop-over-a-tensor-with-rows-asserts-on-its-first-row",
    ),
    pytest.param(
        "import torch\n"
        "features = {'layer1': torch.ones(2, 16, 8, 8), 'layer2': torch.ones(2, 8)}\n"
        "for name in features:\n"
        "    assert features[name].dim() == 4  # SHP005: 5\n",
        id="a-dict-iterates-over-its-keys",
    ),
    pytest.param(
        "import torch\n"
        "features = {'layer1': torch.ones(2, 16, 8, 8), 'layer2': torch.ones(2, 8, 4, 4)}\n"
        "for name in features:\n"
        "    assert features[name].dim() == 4\n",
        id="a-dict-iterates-over-its-keys-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "class Windows:\n"
        "    def __init__(self, data, size):\n"
        "        self.data, self.size = data, size\n"
        "    def __iter__(self):\n"
        "        assert self.size < self.data.shape[0]  # SHP005: 9\n"
        "        yield self.data[: self.size]\n"
        "batches = [b for b in Windows(np.ones((10, 3)), 10)]\n",
        id="iterating-an-instance-runs-its-iter",
    ),
    pytest.param(
        "import numpy as np\n"
        "class Windows:\n"
        "    def __init__(self, data, size):\n"
        "        self.data, self.size = data, size\n"
        "    def __iter__(self):\n"
        "        assert self.size <= self.data.shape[0]\n"
        "        yield self.data[: self.size]\n"
        "for b in Windows(np.ones((10, 3)), 10):\n"
        "    pass\n",
        id="iterating-an-instance-runs-its-iter-fixed",
    ),
]


@pytest.mark.parametrize("source", REACHED_FROM_A_LOOP)
def test_events_do_not_depend_on_the_pass_that_met_a_call_first(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize("source", FIRST_ITERATIONS)
def test_first_iterations_are_checked_exactly(source: str) -> None:
    assert actual(source) == expected(source)


LAST_ITERATIONS = [
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((45, 4, 4))\n"
        "def batches(size):\n"
        "    i = 0\n"
        "    while i < len(data):\n"
        "        x = data[i : i + size].reshape(size, 16)  # SHP001: 13\n"
        "        i += size\n"
        "batches(10)\n",
        id="a-while-loop-over-batches-fails-on-its-short-last-batch",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((40, 4, 4))\n"
        "def batches(size):\n"
        "    i = 0\n"
        "    while i < len(data):\n"
        "        x = data[i : i + size].reshape(size, 16)\n"
        "        i += size\n"
        "batches(10)\n",
        id="a-while-loop-over-batches-fails-on-its-short-last-batch-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((1328, 3))\n"
        "def batches(size):\n"
        "    i = 0\n"
        "    while i < data.shape[0]:\n"
        "        j = min(i + size, data.shape[0])\n"
        "        x = data[i:j].reshape(size, 3)  # SHP001: 13\n"
        "        i = j\n"
        "batches(32)\n",
        id="a-while-loop-of-42-passes-runs-each-exactly",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((1328, 3))\n"
        "def batches(size):\n"
        "    i = 0\n"
        "    while i < data.shape[0]:\n"
        "        j = min(i + size, data.shape[0])\n"
        "        x = data[i:j].reshape(j - i, 3)\n"
        "        i = j\n"
        "batches(32)\n",
        id="a-while-loop-of-42-passes-runs-each-exactly-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((45, 2))\n"
        "i = 0\n"
        "while True:\n"
        "    x = data[i : i + 10].reshape(10, 2)  # SHP001: 9\n"
        "    i += 10\n"
        "    if i >= 45:\n"
        "        break\n",
        id="a-while-true-loop-with-a-known-break",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((45, 2))\n"
        "i = 0\n"
        "while True:\n"
        "    x = data[i : i + 10].reshape(10, 2)\n"
        "    i += 10\n"
        "    if i >= 40:\n"
        "        break\n",
        id="a-while-true-loop-with-a-known-break-fixed",
    ),
    pytest.param(
        "import numpy as np\ni = 10\nwhile i < 5:\n    y = np.ones(3) @ np.ones(4)\n    i += 1\n",
        id="a-while-loop-whose-test-is-false-does-not-run-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "h = np.zeros((2, 1))\n"
        "i = 0\n"
        "while i < 3:\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "    i += 1\n"
        "r = h @ np.ones((4, 1))  # SHP001: 5\n",
        id="the-state-after-an-exact-while-loop",
    ),
    pytest.param(
        "import numpy as np\n"
        "h = np.zeros((2, 1))\n"
        "i = 0\n"
        "while i < 3:\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "    i += 1\n"
        "r = h @ np.ones((8, 1))\n",
        id="the-state-after-an-exact-while-loop-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "n = 3\n"
        "while (n := n - 1) > 0:\n"
        "    pass\n"
        "r = np.zeros((n + 2, 3)) @ np.ones((2, 1))  # SHP001: 5\n",
        id="the-test-that-ends-an-exact-while-loop-is-run",
    ),
    pytest.param(
        "import numpy as np\n"
        "n = 3\n"
        "while (n := n - 1) > 0:\n"
        "    pass\n"
        "r = np.zeros((n + 2, 3)) @ np.ones((3, 1))\n",
        id="the-test-that-ends-an-exact-while-loop-is-run-fixed",
    ),
    pytest.param(
        "import sys\n"
        "import numpy as np\n"
        "def run(data, steps):\n"
        "    i = 0\n"
        "    while i < steps:\n"
        "        y = np.ones((3, 3)) @ data  # SHP001: 13\n"
        "        i += 1\n"
        "run(np.ones((4, 2)), int(sys.argv[1]))\n",
        id="a-while-loop-whose-test-is-unknown-reports-its-first-pass",
    ),
    pytest.param(
        "import sys\n"
        "import numpy as np\n"
        "step = int(sys.argv[1])\n"
        "h = np.zeros((2, 1))\n"
        "i = 0\n"
        "while i < 10:\n"
        "    h = np.concatenate([h, h], axis=1)\n"
        "    i += step\n"
        "r = h @ np.ones((4, 1))\n",
        id="a-while-loop-whose-test-becomes-unknown-widens-from-there-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((95, 2))\n"
        "for i in range(0, 95, 10):\n"
        "    x = data[i : i + 10].reshape(10, 2)  # SHP001: 9\n",
        id="a-range-of-ten-batches-fails-on-its-short-last-batch",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((95, 2))\n"
        "for i in range(0, 95, 10):\n"
        "    x = data[i : i + 10].reshape(-1, 2)\n",
        id="a-range-of-ten-batches-fails-on-its-short-last-batch-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((9995, 2))\n"
        "for i in range(0, 9995, 10):\n"
        "    x = data[i : i + 10].reshape(10, 2)  # SHP001: 9\n",
        id="a-long-range-binds-its-last-item",
    ),
    pytest.param(
        "import numpy as np\n"
        "data = np.ones((95, 2))\n"
        "k = 0\n"
        "for i in range(0, 95, 10):\n"
        "    if k > 3:\n"
        "        break\n"
        "    k += 1\n"
        "    x = data[i : i + 10].reshape(10, 2)\n",
        id="a-loop-that-may-break-early-does-not-check-its-last-item-fixed",
    ),
]


@pytest.mark.parametrize("source", LAST_ITERATIONS)
def test_last_iterations_are_checked_exactly(source: str) -> None:
    assert actual(source) == expected(source)
