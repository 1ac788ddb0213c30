"""TensorFlow's cross entropies with logits, ``Tensor.set_shape`` and the ``tf.math`` names,
each checked against TensorFlow 2 (eager): a bug gives SHP001 at the call, the correct
look-alike stays silent."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

TF = "import numpy as np\nimport tensorflow as tf\n"


def _softmax(labels: tuple[int, ...], logits: tuple[int, ...], name: str = "softmax") -> str:
    return (
        TF + f"r = tf.nn.{name}_cross_entropy_with_logits("
        f"labels=np.zeros({labels}), logits=np.ones({logits}))\n"
    )


@pytest.mark.parametrize(
    ("labels", "logits"),
    [
        ((8,), (8, 10)),  # class indices: seen as one row of 8 classes
        ((1, 50), (50, 2)),  # a row vector of labels
        ((10, 62), (40, 62)),  # rows that differ
        ((3, 1, 5), (3, 4, 5)),  # 3 rows of labels against 12 of logits
    ],
)
def test_softmax_labels_that_do_not_broadcast_fail(
    labels: tuple[int, ...], logits: tuple[int, ...]
) -> None:
    assert actual(_softmax(labels, logits)) == {("SHP001", 3, 5)}


@pytest.mark.parametrize(
    ("labels", "logits", "result"),
    [
        ((50, 2), (50, 2), "(50,)"),
        ((3, 4, 5), (3, 4, 5), "(3, 4)"),
        ((1, 2), (50, 2), "(…)"),  # a broadcast row: accepted, its result not claimed
        ((50, 1), (50, 2), "(…)"),
        ((3, 4, 1), (3, 4, 5), "(…)"),
    ],
)
def test_softmax_labels_that_broadcast_are_silent(
    labels: tuple[int, ...], logits: tuple[int, ...], result: str
) -> None:
    source = _softmax(labels, logits)
    assert actual(source) == set()
    assert infer(source) == result


def test_a_softmax_class_axis_not_modelled_makes_the_result_unknown() -> None:
    source = _softmax((8,), (8, 10)).replace("))\n", "), axis=0)\n")
    assert actual(source) == set()
    assert infer(source) == "(…)"


def test_sparse_softmax_wants_the_logits_shape_without_its_class_axis() -> None:
    assert actual(_softmax((8, 1), (8, 10), "sparse_softmax")) == {("SHP001", 3, 5)}
    assert actual(_softmax((6,), (2, 3, 4), "sparse_softmax")) == {("SHP001", 3, 5)}
    good = _softmax((8,), (8, 10), "sparse_softmax")
    assert actual(good) == set()
    assert infer(good) == "(8,)"


def test_sigmoid_wants_labels_of_the_logits_shape() -> None:
    assert actual(_softmax((8, 1), (8,), "sigmoid")) == {("SHP001", 3, 5)}
    good = _softmax((8, 1), (8, 1), "sigmoid")
    assert actual(good) == set()
    assert infer(good) == "(8, 1)"


def test_set_shape_cannot_change_the_rank_or_a_known_size() -> None:
    source = TF + "t = tf.zeros([360])\nt.set_shape([12, 10, 3])\nt.set_shape([361])\n"
    assert actual(source) == {("SHP001", 4, 1), ("SHP001", 5, 1)}


def test_set_shape_stating_the_shape_or_an_unknown_size_is_silent() -> None:
    source = (
        TF + "t = tf.zeros([360])\nt.set_shape([360])\nt.set_shape([None])\n"
        "def f(x):\n    x.set_shape([None, 3])\n    return x\n"
    )
    assert actual(source) == set()


def test_tf_math_names_are_modelled() -> None:
    source = TF + "labels = tf.zeros([6])\nr = labels * tf.math.log(tf.ones([6, 10]))\n"
    assert actual(source) == {("SHP001", 4, 5)}
    assert infer(TF + "r = tf.math.log(tf.ones([6, 10]))\n") == "(6, 10)"


@pytest.mark.parametrize(
    ("call", "shape"),
    [
        ("tf.one_hot(np.zeros(6, 'int32'), 10)", "(6, 10)"),
        ("tf.one_hot(np.zeros((2, 3), 'int32'), 4, axis=-1)", "(2, 3, 4)"),
        ("tf.one_hot([1, 2], 3, 1.0, 0.0)", "(2, 3)"),
        ("tf.one_hot(np.zeros(6, 'int32'), 10, axis=0)", "(…)"),  # another axis: not modelled
        ("tf.nn.embedding_lookup(tf.zeros([50, 8]), np.zeros((4, 7), 'int32'))", "(4, 7, 8)"),
        ("tf.nn.embedding_lookup(tf.zeros([50, 8, 3]), [1, 2])", "(2, 8, 3)"),
        ("tf.nn.embedding_lookup([tf.zeros([50, 8])], [1, 2])", "(…)"),  # sharded params
    ],
)
def test_one_hot_and_embedding_lookup_shapes(call: str, shape: str) -> None:
    assert infer(TF + f"r = {call}\n") == shape


def test_one_hot_labels_fit_the_logits_and_indices_do_not() -> None:
    logits = "logits = tf.zeros([6, 10])\n"
    good = TF + logits + "r = tf.reduce_sum(tf.one_hot(np.zeros(6, 'int32'), 10) * logits)\n"
    assert actual(good) == set()
    bad = (
        TF
        + logits
        + "r = tf.nn.embedding_lookup(tf.zeros([50, 8]), np.zeros(6, 'int32')) @ logits\n"
    )
    assert actual(bad) == {("SHP001", 4, 5)}
