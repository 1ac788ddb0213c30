"""``keras.Model(inputs, outputs)`` called on data: the sizes its outputs know hold for any
data that matches the ``Input``, so a loss against them is judged; anything else is not
followed."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

K = "import numpy as np\nimport keras\nfrom keras import layers\n"
MODEL = (
    K + "inputs = keras.Input(shape=(12, 12, 1))\n"
    "x = layers.GlobalAveragePooling2D()(layers.Conv2D(4, 3)(inputs))\n"
    "model = keras.Model(inputs, layers.Dense(2, activation='softmax')(x))\n"
)


def test_a_loss_against_the_model_output_is_judged() -> None:
    source = (
        MODEL + "labels = np.zeros((6, 1))\n"
        "loss = keras.losses.categorical_crossentropy(labels, model(np.ones((6, 12, 12, 1))))\n"
    )
    assert actual(source) == {("SHP001", 8, 8)}


def test_one_hot_labels_are_silent() -> None:
    source = MODEL + "r = model(np.ones((6, 12, 12, 1)))\n"
    assert infer(source) == "(?, 2)"
    good = source + "loss = keras.losses.categorical_crossentropy(np.zeros((6, 2)), r)\n"
    assert actual(good) == set()


def test_keywords_name_the_inputs_and_outputs() -> None:
    source = MODEL.replace("keras.Model(inputs, ", "keras.Model(inputs=inputs, outputs=")
    assert infer(source + "r = model(np.ones((6, 12, 12, 1)))\n") == "(?, 2)"


@pytest.mark.parametrize(
    "call",
    [
        "model(np.ones((6, 14, 14, 1)))",  # not the Input's sizes
        "model(np.ones((6, 12, 12)))",  # not its rank
        "model([np.ones((6, 12, 12, 1))])",  # a list of arrays
    ],
)
def test_data_not_matching_the_input_is_not_followed(call: str) -> None:
    assert infer(MODEL + f"r = {call}\n") == "(…)"


def test_a_known_batch_of_the_input_must_be_the_data_s() -> None:
    source = (
        K + "inputs = keras.Input(shape=(3,), batch_size=32)\n"
        "model = keras.Model(inputs, layers.Dense(2)(inputs))\n"
    )
    assert infer(source + "r = model(np.ones((6, 3)))\n") == "(…)"
    assert infer(source + "r = model(np.ones((32, 3)))\n") == "(32, 2)"


def test_several_inputs_are_not_followed() -> None:
    source = (
        K + "a = keras.Input(shape=(3,))\nb = keras.Input(shape=(3,))\n"
        "model = keras.Model([a, b], layers.Add()([a, b]))\n"
        "r = model(np.ones((6, 3)))\n"
    )
    assert infer(source) == "(…)"


def test_fit_checks_the_targets_against_the_compiled_loss() -> None:
    source = MODEL + "model.compile(loss='categorical_crossentropy', optimizer='adam')\n"
    bad = source + "model.fit(np.ones((6, 12, 12, 1)), np.zeros((6, 1)), verbose=0)\n"
    assert actual(bad) == {("SHP001", 8, 1)}
    good = source + "model.fit(np.ones((6, 12, 12, 1)), np.zeros((6, 2)), verbose=0)\n"
    assert actual(good) == set()
    assert infer(source + "r = model.predict(np.ones((6, 12, 12, 1)))\n") == "(?, 2)"
