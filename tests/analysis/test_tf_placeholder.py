"""TensorFlow 1's graph-mode ``placeholder`` (``tf.compat.v1``): the tensor has the shape it
is declared with, each ``None`` size unknown, and no rank without a shape; checked against
TensorFlow 2.21 with eager execution disabled."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

TF = "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"


@pytest.mark.parametrize(
    ("call", "shape"),
    [
        ("tf.compat.v1.placeholder(tf.float32, [4, None, 3])", "(4, ?, 3)"),
        ("tf.compat.v1.placeholder(tf.float32, shape=(2, 3))", "(2, 3)"),
        ("tf.compat.v1.placeholder(tf.float32, [])", "()"),
        ("tf.compat.v1.placeholder(tf.float32, 5)", "(5,)"),
        ("tf.compat.v1.placeholder(tf.float32, [2] + [28, 28])", "(2, 28, 28)"),
        ("tf.compat.v1.placeholder(tf.float32)", "(…)"),
        ("tf.compat.v1.placeholder(tf.float32, None)", "(…)"),
    ],
)
def test_a_placeholder_has_its_declared_shape(call: str, shape: str) -> None:
    assert infer(TF + f"r = {call}\n") == shape


def test_the_compat_v1_module_imported_as_tf() -> None:
    source = "import tensorflow.compat.v1 as tf\nr = tf.placeholder(tf.float32, [None, 3])\n"
    assert infer(source) == "(?, 3)"


def test_a_product_with_a_placeholder_of_another_width_fails() -> None:
    source = (
        TF + "x = tf.compat.v1.placeholder(tf.float32, [None, 784])\n"
        "y = tf.matmul(x, tf.zeros([100, 10]))\n"
    )
    assert actual(source) == {("SHP001", 4, 5)}


def test_a_product_with_a_placeholder_of_its_width_is_silent() -> None:
    source = (
        TF + "x = tf.compat.v1.placeholder(tf.float32, [None, 784])\n"
        "y = tf.matmul(x, tf.zeros([784, 10]))\n"
    )
    assert actual(source) == set()
    assert infer(source, "y") == "(?, 10)"
