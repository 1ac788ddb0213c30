"""A Keras ``Sequential`` whose input is declared (``keras.Input`` or ``input_shape=``) is
built as it is made and at each ``add``: a layer that cannot take the output so far fails on
that line, and data given later must fit the widths the layers were built on."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

KERAS = "import numpy as np\nimport keras\nfrom keras import layers\n"

CASES = [
    pytest.param(
        KERAS + "m = keras.Sequential()\n"
        "m.add(keras.Input(shape=(12,)))\n"
        "m.add(layers.Reshape((3, 4)))\n"
        "m.add(layers.Conv2D(8, 3))  # SHP001: 1\n",
        id="add-conv-on-rank-3",
    ),
    pytest.param(
        KERAS + "m = keras.Sequential()\n"
        "m.add(keras.Input(shape=(12,)))\n"
        "m.add(layers.Reshape((3, 4, 1)))\n"
        "m.add(layers.Conv2D(8, 3, padding='same'))\n"
        "m.add(layers.Flatten())\n",
        id="add-conv-on-rank-4-silent",
    ),
    pytest.param(
        KERAS + "stack = [keras.Input(shape=(12,)), layers.Reshape((3, 4)), layers.Conv2D(8, 3)]\n"
        "m = keras.Sequential(stack)  # SHP001: 5\n"
        "y = m(np.ones((2, 12)))\n",
        id="constructor-builds-once",
    ),
    pytest.param(
        KERAS
        + "m = keras.Sequential([keras.Input(shape=(7,)), layers.Dense(12), layers.Dense(1)])\n"
        "y = m(np.ones((20, 9)))  # SHP001: 5\n",
        id="data-wider-than-input",
    ),
    pytest.param(
        KERAS
        + "m = keras.Sequential([keras.Input(shape=(7,)), layers.Dense(12), layers.Dense(1)])\n"
        "y = m.predict(np.ones((20, 7, 169)))  # SHP001: 5\n",
        id="data-of-one-more-axis",
    ),
    pytest.param(
        KERAS + "m = keras.Sequential([layers.Dense(12, input_shape=(7,)), layers.Dense(1)])\n"
        "y = m(np.ones((20, 7)))\n"
        "z = m.predict(np.ones((5, 7)))\n",
        id="data-that-fits-silent",
    ),
    pytest.param(
        KERAS + "m = keras.Sequential([keras.Input(shape=(7, 1)), layers.Conv1D(4, 3)])\n"
        "y = m(np.ones((20, 7)))\n",
        id="data-without-trailing-one-silent",
    ),
    pytest.param(
        KERAS + "m = keras.Sequential([keras.Input(shape=(7,)), layers.Embedding(50, 4),\n"
        "    layers.Flatten(), layers.Dense(3)])\n"
        "y = m(np.ones((6, 9), 'int32'))  # SHP001: 5\n",
        id="longer-sequences-reach-the-dense",
    ),
    pytest.param(
        KERAS + "m = keras.Sequential([keras.Input(shape=(7,)), layers.Embedding(50, 4),\n"
        "    layers.Dense(3)])\n"
        "y = m(np.ones((6, 9), 'int32'))\n",
        id="longer-sequences-keras-3-takes-silent",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_sequential_build(source: str) -> None:
    assert actual(source) == expected(source)
