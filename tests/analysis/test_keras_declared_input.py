"""Data against a Sequential's declared ``input_shape`` (analysis/layers
``_check_declared_input``), as both Kerases take it (tf_keras 2.21 and keras 3.15 agree on
each case here, run in the frameworks venv).

A vector of samples fits a declared ``(1,)``: both give it its feature axis (the
TensorFlow regression tutorial predicts on ``tf.linspace(0.0, 250, 251)``). A declared
shape with unknown sizes met by data of another rank is not judged: Keras 2 then calls the
layers on the data one by one. Data of the declared rank that does not fit raises in both,
and so does a vector given to a model with no declared input (its ``Dense`` gets rank 1: the
TensorFlow course notebooks that fit on ``tf.range`` show the error). A list of numbers is one
array (tf-keras converts it; Keras 3 refuses any list of numbers).
"""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual, expected

TF = "import numpy as np\nimport tensorflow as tf\n"
NORMALIZED = (
    TF + "norm = tf.keras.layers.Normalization(input_shape=[1], axis=None)\n"
    "model = tf.keras.Sequential([norm, tf.keras.layers.Dense(units=1)])\n"
    "x = tf.linspace(0.0, 250, 251)\n"
)


@pytest.mark.parametrize(
    ("source", "shape"),
    [
        (NORMALIZED + "r = model.predict(x)\n", "(251, 1)"),
        (NORMALIZED + "r = model(x)\n", "(251, 1)"),
        (NORMALIZED + "r = model.predict([17.0])\n", "(1, 1)"),
        (
            TF + "model = tf.keras.Sequential([\n"
            "    tf.keras.layers.Dense(10, input_shape=(None, 5)), tf.keras.layers.Dense(3)])\n"
            "r = model(tf.constant(np.random.randn(10, 5), dtype=tf.float32))\n",
            "(10, 3)",
        ),
    ],
    ids=[
        "predict-on-a-vector",
        "call-on-a-vector",
        "predict-on-a-list-of-numbers",
        "unknown-sizes-another-rank",
    ],
)
def test_data_as_the_first_layer_gets_it(source: str, shape: str) -> None:
    assert infer(source) == shape
    assert actual(source) == set()


@pytest.mark.parametrize(
    "source",
    [
        TF + "model = tf.keras.Sequential([tf.keras.layers.Dense(10, input_shape=(4,))])\n"
        "w = model(np.zeros((10, 5), dtype='float32'))  # SHP001: 5\n",
        TF + "model = tf.keras.Sequential([tf.keras.layers.Conv1D(4, 3, input_shape=(8, 2))])\n"
        "v = model(np.zeros((8, 2), dtype='float32'))  # SHP001: 5\n",
        TF + "model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])\n"
        "v = model.predict(np.zeros(32))  # SHP001: 5\n",
        TF + "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
        "v = model.predict([17.0])  # SHP001: 5\n",
    ],
    ids=[
        "wrong-width",
        "one-axis-fewer-all-sizes-declared",
        "vector-against-three-features",
        "unbuilt-model-on-a-list-of-numbers",
    ],
)
def test_data_that_does_not_fit_raises(source: str) -> None:
    assert actual(source) == expected(source)
