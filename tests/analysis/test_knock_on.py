"""No knock-on findings: after an op is proven to fail, its result is unknown, so one bug
gives one finding (the later lines only ran in the analysis, never in the program)."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

CASES = [
    pytest.param(
        "import torch\n"
        "def attend(q, k, v):\n"
        "    a = q @ k  # SHP001: 9\n"
        "    a = a.permute(0, 2, 1)\n"
        "    return a.reshape(7, 7) @ v\n"
        "out = attend(torch.ones(2, 3, 4), torch.ones(2, 3, 4), torch.ones(5, 5))\n",
        id="the-rest-of-a-function-does-not-run-after-a-failure",
    ),
    pytest.param(
        "import torch\n"
        "a = torch.ones(2, 3) @ torch.ones(4, 5)  # SHP001: 5\n"
        "b = torch.ones(2, 3) + torch.ones(4, 5)  # SHP001: 5\n",
        id="module-level-statements-are-each-checked",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "norm = nn.LayerNorm(5)\n"
        "y = norm(torch.ones(2, 3))  # SHP001: 5\n"
        "z = y @ torch.ones(5, 4)\n",
        id="layer-norm-result-after-a-failure",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "norm = nn.LayerNorm(5)\n"
        "y = norm(torch.ones(2, 5))\n"
        "z = y @ torch.ones(5, 4)\n",
        id="layer-norm-result-after-a-failure-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "bn = nn.BatchNorm2d(3)\n"
        "y = bn(torch.ones(2, 4, 5, 5))  # SHP001: 5\n"
        "z = y.view(2, 3, 25)\n",
        id="batch-norm-result-after-a-failure",
    ),
    pytest.param(
        "import torch\n"
        "g = torch.ones(3, 1)\n"
        "g += torch.ones(3, 4)  # SHP001: 1\n"
        "h = g @ torch.ones(4, 2)\n",
        id="augmented-assignment-that-fails-leaves-its-target-unknown",
    ),
    pytest.param(
        "import torch\ng = torch.ones(3, 4)\ng += torch.ones(3, 4)\nh = g @ torch.ones(4, 2)\n",
        id="augmented-assignment-that-fails-leaves-its-target-unknown-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn as nn\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.norm = nn.LayerNorm(8)\n"
        "        self.fc = nn.Linear(8, 2)\n"
        "    def forward(self, x):\n"
        "        h = self.norm(x)  # SHP001: 13\n"
        "        return self.fc(h)\n"
        "net = Net()\n"
        "out = net(torch.ones(4, 6))\n",
        id="one-finding-for-one-bad-input-through-a-module",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_one_bug_gives_one_finding(source: str) -> None:
    assert actual(source) == expected(source)
