"""Keras layers that call what they wrap: ``Lambda(fn)`` runs the function on its inputs as
given (a list stays a list; ``arguments`` become keywords), ``TimeDistributed(layer)``
applies the layer to each time step. What they do not understand gives an unknown tensor."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

LAYERS = "Conv2D, Dense, Flatten, Input, Lambda, TimeDistributed"
TFK = f"from tf_keras import backend as K\nfrom tf_keras.layers import {LAYERS}\n"
K3 = f"from keras import ops as K\nfrom keras.layers import {LAYERS}\n"
QK = "q = Input(shape=(8, 4, 16))\nk = Input(shape=(8, 4, 16))\n"


def test_a_lambda_runs_its_function_on_the_input() -> None:
    source = TFK + QK + "r = Lambda(lambda x: K.permute_dimensions(x, (0, 2, 1, 3)))(q)\n"
    assert infer(source) == "(?, 4, 8, 16)"
    source = K3 + QK + "r = Lambda(lambda x: K.transpose(x, (0, 2, 1, 3)))(q)\n"
    assert infer(source) == "(?, 4, 8, 16)"


def test_a_list_input_is_passed_as_the_list() -> None:
    good = TFK + QK + "r = Lambda(lambda x: K.batch_dot(x[0], x[1], axes=[3, 3]))([q, k])\n"
    assert infer(good) == "(?, 8, 4, 8, 4)"
    assert actual(good) == set()
    bad = TFK + QK + "r = Lambda(lambda x: K.batch_dot(x[0], x[1], axes=[3, 2]))([q, k])\n"
    assert actual(bad) == {("SHP001", 5, 22)}


def test_a_bug_in_a_named_function_shows_inside_it() -> None:
    source = (
        TFK + "a = Input(shape=(20,))\ns = Input(shape=(20, 300))\n"
        "def attend(inputs):\n"
        "    weights, states = inputs\n"
        "    return K.batch_dot(weights, states, axes=[1, 2])\n"
        "r = Lambda(attend)([a, s])\n"
    )
    assert actual(source) == {("SHP001", 7, 12)}
    fixed = source.replace("axes=[1, 2]", "axes=[1, 1]")
    assert actual(fixed) == set()
    assert infer(fixed) == "(?, 300)"


def test_arguments_become_keywords_of_the_function() -> None:
    source = TFK + QK + "r = Lambda(lambda x, n: x[:, :n], arguments={'n': 3})(q)\n"
    assert infer(source) == "(?, 3, 4, 16)"


@pytest.mark.parametrize(
    "call",
    [
        "Lambda(lambda x: x[:, 0], output_shape=(4, 16))(q)",  # Keras 3 takes the declared shape
        "Lambda(lambda x, mask=None: x[:, 0])(q)",  # Keras passes the mask
        "Lambda(lambda x: x[:, 0])(q, training=True)",
        "Lambda(lambda x, n: x[:, :n], arguments=opts)(q)",
        "Lambda(fn)(q)",
    ],
)
def test_what_a_lambda_does_not_understand_is_unknown(call: str) -> None:
    source = TFK + "from somewhere import fn, opts\n" + QK + f"r = {call}\n"
    assert infer(source) == "(…)"
    assert actual(source) == set()


@pytest.mark.parametrize(
    ("layer", "shape", "expected"),
    [
        ("Dense(1)", "(20, 300)", "(?, 20, 1)"),
        ("Dense(7)", "(20, 3, 300)", "(?, 20, 3, 7)"),
        ("Conv2D(4, 3)", "(5, 10, 10, 3)", "(?, 5, 8, 8, 4)"),
        ("Flatten()", "(5, 2, 3)", "(?, 5, 6)"),
        ("Dense(7)", "(None, 3)", "(?, ?, 7)"),
        ("Lambda(lambda t: t * 2)", "(5, 3)", "(…)"),
    ],
)
def test_time_distributed_applies_the_layer_to_each_step(
    layer: str, shape: str, expected: str
) -> None:
    source = TFK + f"r = TimeDistributed({layer})(Input(shape={shape}))\n"
    assert infer(source) == expected
    assert actual(source) == set()


def test_time_distributed_needs_a_time_axis() -> None:
    source = K3 + "r = TimeDistributed(Dense(7))(Input(shape=(20,)))\n"
    assert actual(source) == {("SHP001", 3, 5)}
