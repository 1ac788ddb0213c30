"""A Keras layer object is built by its first call: Dense and the recurrent layers keep the
feature width, a convolution its channels, and a later call on another width is refused
(Keras' ``input_spec`` check, or the recurrent kernel's matmul)."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

KERAS = "import numpy as np\nimport keras\nfrom keras import layers\n"

CASES = [
    pytest.param(
        KERAS + "d = layers.Dense(4)\n"
        "a = d(np.ones((2, 7)))\n"
        "b = d(np.ones((2, 20)))  # SHP001: 5\n",
        id="dense-second-width",
    ),
    pytest.param(
        KERAS + "d = layers.Dense(4)\na = d(np.ones((2, 7)))\nb = d(np.ones((5, 3, 7)))\n",
        id="dense-same-width-other-batch-and-rank",
    ),
    pytest.param(
        KERAS + "c = layers.Conv2D(8, 3)\n"
        "a = c(np.ones((1, 9, 9, 3)))\n"
        "b = c(np.ones((1, 9, 9, 5)))  # SHP001: 5\n",
        id="conv-channels-last-second-channels",
    ),
    pytest.param(
        KERAS + "c = layers.Conv2D(8, 3, data_format='channels_first')\n"
        "a = c(np.ones((1, 3, 9, 9)))\n"
        "b = c(np.ones((1, 3, 12, 12)))\n",
        id="conv-channels-first-other-spatial-size",
    ),
    pytest.param(
        KERAS + "r = layers.LSTM(4)\n"
        "a = r(np.ones((1, 5, 3)))\n"
        "b = r(np.ones((1, 5, 6)))  # SHP001: 5\n",
        id="lstm-second-feature-width",
    ),
    pytest.param(
        KERAS + "class Block(layers.Layer):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.proj = layers.Dense(4)\n"
        "    def call(self, x, y):\n"
        "        a = self.proj(x)\n"
        "        return self.proj(y)  # SHP001: 16\n"
        "out = Block()(np.ones((2, 7)), np.ones((2, 9)))\n",
        id="shared-attribute-layer-in-call",
    ),
    pytest.param(
        KERAS + "def f(flag):\n"
        "    d = layers.Dense(4)\n"
        "    if flag:\n"
        "        d(np.ones((2, 7)))\n"
        "    return d(np.ones((2, 9)))\n",
        id="built-on-one-path-only-silent",
    ),
    pytest.param(
        KERAS + "for width in (3, 5):\n    d = layers.Dense(4)\n    y = d(np.ones((2, width)))\n",
        id="fresh-layer-each-iteration-silent",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_build_width(source: str) -> None:
    assert actual(source) == expected(source)
