"""``fit``/``evaluate`` on a Keras model with its own ``train_step``/``test_step`` run the
step on batches of the arrays given: a shape bug in the step is found at the step's line
(each case checked under TensorFlow's Keras: the first raises ``Dimensions must be equal, but
are 3 and 4``). Whatever would change what the step receives keeps it unanalysed."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

MODEL = (
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "from tensorflow import keras\n"
    "class Regressor(keras.Model):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.dense = keras.layers.Dense(1)\n"
    "    def call(self, x):\n"
    "        return self.dense(x)\n"
)
X = "np.ones((64, 3), 'float32')"
Y = "np.ones((64, 1), 'float32')"


def _step(name: str, params: str, unpack: str, body: str) -> str:
    return f"    def {name}(self, {params}):\n        {unpack}\n        {body}\n"


MATMUL_4 = "loss = tf.reduce_mean(tf.matmul(x, tf.ones((4, 2))))  # SHP001: 31"
MATMUL_4_SILENT = "loss = tf.reduce_mean(tf.matmul(x, tf.ones((4, 2))))"

CASES = [
    pytest.param(
        MODEL
        + _step("train_step", "data", "x, y = data", MATMUL_4)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y}, epochs=2, batch_size=16)\n",
        id="fit-runs-the-train-step",
    ),
    pytest.param(
        MODEL
        + _step(
            "train_step",
            "data",
            "x, y = data",
            "loss = tf.reduce_mean(tf.matmul(x, tf.ones((3, 2))))",
        )
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y}, epochs=2)\n",
        id="fit-runs-the-train-step-fixed",
    ),
    pytest.param(
        MODEL
        + _step(
            "train_step", "data", "x, y = data", "loss = tf.reduce_mean(tf.square(self(x) - y))"
        )
        + "        return {'loss': loss}\n"
        + _step("test_step", "data", "x, y = data", MATMUL_4)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.evaluate(x={X}, y={Y}, verbose=0)\n",
        id="evaluate-runs-the-test-step",
    ),
    pytest.param(
        MODEL
        + _step(
            "train_step",
            "data",
            "x, y, w = data",
            "loss = tf.reduce_mean(tf.matmul(w, tf.ones((4, 2))))  # SHP001: 31",
        )
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y}, sample_weight=np.ones(64))\n",
        id="sample-weights-are-the-third-item",
    ),
    pytest.param(
        MODEL
        + _step("train_step", "data", "x, y = data", MATMUL_4_SILENT)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y}, class_weight={{0: 1.0}})\n",
        id="class-weights-change-the-batches-silent",
    ),
    pytest.param(
        MODEL
        + _step("train_step", "data", "x, y = data", MATMUL_4_SILENT)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y}, some_future_option=True)\n",
        id="an-unknown-option-keeps-the-step-unanalysed",
    ),
    pytest.param(
        MODEL
        + _step("train_step", "state, data", "x, y = data", MATMUL_4_SILENT)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X}, {Y})\n",
        id="a-jax-backend-step-is-not-run",
    ),
    pytest.param(
        MODEL
        + _step("train_step", "data", "x = data", MATMUL_4_SILENT)
        + "        return {'loss': loss}\n"
        f"model = Regressor()\nmodel.fit({X})\n",
        id="fit-without-targets-is-not-run",
    ),
    pytest.param(
        MODEL
        + _step("train_step", "data", "x, y = data", MATMUL_4_SILENT)
        + "        return {'loss': loss}\n"
        "model = Regressor()\nmodel.fit(tf.data.Dataset.from_tensor_slices((1, 2)))\n",
        id="a-dataset-is-not-followed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_model_steps(source: str) -> None:
    assert actual(source) == expected(source)
