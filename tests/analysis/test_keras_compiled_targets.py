"""Targets as a compiled loss gets them (analysis/layers ``_ranked_like``): both Kerases give
targets of one axis fewer than the outputs a trailing axis first (tf-keras 2.21 and keras 3.15
agree on each case, run in the frameworks venv), so (100,) targets fit a (None, 1) output
under ``categorical_crossentropy`` (tensorflow/addons' optimizer tests) and do not fit a
(None, 3) one.
"""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

TF = "import numpy as np\nimport tensorflow as tf\nx = np.ones([100, 1])\ny = np.ones([100])\n"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            TF + "m = tf.keras.Sequential([tf.keras.Input(shape=[1]), tf.keras.layers.Dense(1)])\n"
            "m.compile(loss='categorical_crossentropy', optimizer='sgd')\n"
            "m.fit(x, y)\n",
            id="vector-targets-of-one-output-fit",
        ),
        pytest.param(
            TF + "m = tf.keras.Sequential([tf.keras.Input(shape=[1]), tf.keras.layers.Dense(3)])\n"
            "m.compile(loss='categorical_crossentropy', optimizer='sgd')\n"
            "m.fit(x, y)  # SHP001: 1\n",
            id="vector-targets-of-three-outputs-do-not",
        ),
        pytest.param(
            TF + "m = tf.keras.Sequential([tf.keras.Input(shape=[1]), tf.keras.layers.Dense(3)])\n"
            "m.compile(loss='categorical_crossentropy', optimizer='sgd')\n"
            "m.fit(x, np.ones((100, 3, 1)))\n",
            id="a-trailing-one-is-taken-off",
        ),
    ],
)
def test_compiled_loss_targets(source: str) -> None:
    assert actual(source) == expected(source)
