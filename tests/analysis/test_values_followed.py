"""Values the analysis must follow: dict and list literals and their reads (configs passed
to constructors too), scalar arithmetic mixed with tensors, string comparisons and
float literals that decide a branch, and ``isinstance`` as a value."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

CASES = [
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        'cfg = {"d": 16, "heads": 4}\n'
        'fc = nn.Linear(cfg["d"], 8)\n'
        "y = fc(torch.ones(2, 32))  # SHP001: 5\n",
        id="dict-literal-read",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        'cfg = {"d": 16, "heads": 4}\n'
        'fc = nn.Linear(cfg["d"], 8)\n'
        "y = fc(torch.ones(2, 16))\n",
        id="dict-literal-read-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "cfg = dict(d=16, heads=4)\n"
        'fc = nn.Linear(cfg["d"] * 2, 8)\n'
        "y = fc(torch.ones(2, 16))  # SHP001: 5\n",
        id="dict-call-read",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self, cfg):\n"
        "        super().__init__()\n"
        '        self.fc = nn.Linear(cfg["hidden"], 4)\n'
        "    def forward(self, x):\n"
        "        return self.fc(x)  # SHP001: 16\n"
        'net = Net({"hidden": 16})\n'
        "out = net(torch.ones(2, 8))\n",
        id="config-dict-passed-to-a-constructor",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self, cfg):\n"
        "        super().__init__()\n"
        '        self.fc = nn.Linear(cfg["hidden"], 4)\n'
        "    def forward(self, x):\n"
        "        return self.fc(x)\n"
        'net = Net({"hidden": 16})\n'
        "out = net(torch.ones(2, 16))\n",
        id="config-dict-passed-to-a-constructor-fixed",
    ),
    pytest.param(
        "import torch\n"
        "sizes = [16, 32]\n"
        "w = torch.ones(sizes[0], sizes[1])\n"
        "y = torch.ones(2, 32) @ w  # SHP001: 5\n",
        id="list-literal-read",
    ),
    pytest.param(
        "import torch\n"
        "q = torch.ones(2, 16)\n"
        "d = q.shape[-1]\n"
        "s = q * d ** -0.5\n"
        "r = s @ torch.ones(8, 2)  # SHP001: 5\n",
        id="scaled-by-a-float-power",
    ),
    pytest.param(
        "import torch\n"
        "q = torch.ones(2, 16)\n"
        "d = q.shape[-1]\n"
        "s = q * d ** -0.5\n"
        "r = s @ torch.ones(16, 2)\n",
        id="scaled-by-a-float-power-fixed",
    ),
    pytest.param(
        "import math\n"
        "import torch\n"
        "q = torch.ones(2, 16)\n"
        "s = q / math.sqrt(q.size(-1))\n"
        "r = s @ torch.ones(8, 2)  # SHP001: 5\n",
        id="divided-by-math-sqrt",
    ),
    pytest.param(
        "import torch\n"
        "q = torch.ones(2, 16)\n"
        "s = q * int(2.5) + float(1)\n"
        "r = s @ torch.ones(8, 2)  # SHP001: 5\n",
        id="scaled-by-int-and-float-conversions",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Attn(nn.Module):\n"
        "    def __init__(self, method):\n"
        "        super().__init__()\n"
        "        self.method = method\n"
        "        self.w = nn.Linear(16, 16)\n"
        "    def forward(self, h):\n"
        '        if self.method == "general":\n'
        "            return self.w(h)\n"
        "        return h @ torch.ones(5, 5)\n"
        'a = Attn("general")\n'
        "o = a(torch.ones(3, 16))\n",
        id="string-comparison-decides-the-branch-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Attn(nn.Module):\n"
        "    def __init__(self, method):\n"
        "        super().__init__()\n"
        "        self.method = method\n"
        "        self.w = nn.Linear(16, 16)\n"
        "    def forward(self, h):\n"
        '        if self.method != "general":\n'
        "            return self.w(h)\n"
        "        return h @ torch.ones(5, 5)  # SHP001: 16\n"
        'a = Attn("general")\n'
        "o = a(torch.ones(3, 16))\n",
        id="string-comparison-decides-the-branch",
    ),
    pytest.param(
        "import numpy as np\n"
        "def response(U, D):\n"
        "    D = np.asarray(D)\n"
        "    no_input = U is None or (isinstance(U, int | float) and U == 0.0)\n"
        "    if not no_input:\n"
        "        return U @ D.T\n"
        "    return D\n"
        "y = response(0.0, [[1.0]])\n",
        id="a-float-literal-and-isinstance-decide-a-guard",
    ),
    pytest.param(
        "import numpy as np\n"
        "def response(U, D):\n"
        "    D = np.asarray(D)\n"
        "    no_input = U is None or (isinstance(U, int | float) and U == 0.0)\n"
        "    if not no_input:\n"
        "        return U @ D.T  # SHP001: 16\n"
        "    return D\n"
        "y = response(2.5, [[1.0]])\n",
        id="a-nonzero-float-passes-the-guard",
    ),
    pytest.param(
        "import numpy as np\n"
        "def f(scale):\n"
        "    s = scale * 0.5\n"
        "    if s == 0.0:\n"
        "        a = np.ones((2, 3))\n"
        "    else:\n"
        "        a = np.ones((2, 4))\n"
        "    return a @ np.ones((4, 1))\n"
        "y = f(0.0)\n",
        id="float-arithmetic-gives-some-float-that-decides-nothing",
    ),
    pytest.param(
        "import numpy as np\n"
        "rate = -0.5\n"
        "if rate < 0:\n"
        "    bad = np.ones((2, 3)) @ np.ones((2, 3))  # SHP001: 11\n",
        id="a-negative-float-literal-compares-below-zero",
    ),
    pytest.param(
        "import numpy as np\n"
        "def f(flag):\n"
        "    lr = 0.1 if flag else 0.01\n"
        "    if lr == 0.1:\n"
        "        a = np.ones((2, 3))\n"
        "    else:\n"
        "        a = np.ones((2, 4))\n"
        "    return a @ np.ones((4, 1))\n"
        "y = f(object())\n",
        id="floats-joined-on-two-paths-are-some-float",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_values_are_followed(source: str) -> None:
    assert actual(source) == expected(source)


COMPUTED = [
    pytest.param(
        # NumPy's math of Python numbers is a float with its value: a size made from it
        "import jax\n"
        "import numpy as np\n"
        "stages = int(np.log2(48) - np.log2(4))\n"
        "keys = jax.random.split(jax.random.PRNGKey(0), stages + 1)\n"
        "y = keys @ np.ones((3, 1))  # SHP001: 5\n",
        id="int-of-numpy-logs-is-a-size",
    ),
    pytest.param(
        "import math\n"
        "import numpy as np\n"
        "n = math.floor(math.log2(10) * 2)\n"
        "y = np.ones((n, 2)) @ np.ones((6, 1))  # SHP001: 5\n",
        id="floor-of-math-is-a-size",
    ),
    pytest.param(
        # 3.0 exactly here; a libm rounding the last bit down would make it 2
        "import numpy as np\n"
        "stages = int(np.log2(48) - np.log2(6))\n"
        "y = np.ones((2, stages)) @ np.ones((5, 1))\n",
        id="int-within-rounding-of-an-integer-is-unknown",
    ),
    pytest.param(
        # IEEE 754 rounds sqrt and / correctly: 14.0 is 14 everywhere
        "import math\n"
        "import numpy as np\n"
        "side = int(math.sqrt(196))\n"
        "half = int(side / 2)\n"
        "y = np.ones((2, side * half)) @ np.ones((97, 1))  # SHP001: 5\n",
        id="int-of-a-correctly-rounded-float-is-a-size",
    ),
    pytest.param(
        "import math\n"
        "import numpy as np\n"
        "side = int(math.sqrt(196))\n"
        "half = int(side / 2)\n"
        "y = np.ones((2, side * half)) @ np.ones((98, 1))\n",
        id="int-of-a-correctly-rounded-float-is-a-size-fixed",
    ),
    pytest.param(
        "import numpy as np\n"
        "s = np.log2(8.0) * 1.0\n"
        "if s == 3.0:\n"
        "    a = np.ones((2, 3))\n"
        "else:\n"
        "    a = np.ones((2, 4))\n"
        "y = a @ np.ones((4, 1))\n",
        id="a-computed-float-decides-no-comparison",
    ),
    pytest.param(
        "import numpy as np\n"
        'params = {"in": np.ones((3, 4))}\n'
        "for i in range(3):\n"
        '    params[f"s{i}res"] = np.ones((4, i + 1))\n'
        'y = params["in"] @ params["s2res"] @ np.ones((2, 1))  # SHP001: 5\n',
        id="dict-filled-under-f-string-keys",
    ),
    pytest.param(
        "import numpy as np\n"
        'params = {"in": np.ones((3, 4))}\n'
        "for i in range(3):\n"
        '    params[f"s{i:02d}"] = np.ones((4, i + 1))\n'
        'y = params["in"] @ np.ones((4, 1))\n'
        'z = params["s02"] @ np.ones((5, 1))\n',
        id="an-f-string-with-a-format-spec-is-unknown",
    ),
]


@pytest.mark.parametrize("source", COMPUTED)
def test_computed_values_are_followed(source: str) -> None:
    assert actual(source) == expected(source)
