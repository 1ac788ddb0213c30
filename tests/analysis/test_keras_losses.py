"""Keras' functional losses judged by Keras: every pair of shapes recorded from Keras 3 and
tf.keras (``scripts/record_keras_losses.py``) is replayed through the analysis. The two are
spelled alike, so an error in both must give SHP001 at the call and a result of both must be
the inferred shape; where they disagree (``binary_crossentropy`` broadcasts its targets in
tf.keras only) the analysis stays silent and the result unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

RECORDS = json.loads((Path(__file__).parents[1] / "data" / "keras_losses.json").read_text())
IMPORTS = {"keras3": "import keras\n", "tf_keras": "import tf_keras as keras\n"}
CASES = [
    pytest.param(library, name, target, output, result, id=f"{library}-{target}-{output}")
    for library, losses in RECORDS.items()
    for name, rows in losses.items()
    for target, output, result in rows
]

# the other library's answer for the same loss and shapes
OTHER = {
    (library, name, tuple(target), tuple(output)): result
    for other, losses in RECORDS.items()
    for library in RECORDS
    if library != other
    for name, rows in losses.items()
    for target, output, result in rows
}


@pytest.mark.parametrize(("library", "name", "target", "output", "result"), CASES)
def test_keras_losses_follow_keras(
    library: str, name: str, target: list[int], output: list[int], result: object
) -> None:
    source = (
        IMPORTS[library] + "import numpy as np\n"
        f"r = keras.losses.{name}(np.zeros({tuple(target)}), np.ones({tuple(output)}))\n"
    )
    found = actual(source)
    other = OTHER[(library, name, tuple(target), tuple(output))]
    if result == "error" and other == "error":
        assert found == {("SHP001", 3, 5)}
    elif result != other:
        assert found == set()
        assert infer(source) == "(…)"
    else:
        assert found == set()
        assert infer(source) == str(tuple(result)).replace(",)", ",)")


def test_an_unmodelled_class_axis_makes_the_result_unknown() -> None:
    source = (
        "import keras\nimport numpy as np\n"
        "r = keras.losses.categorical_crossentropy(np.zeros((6, 1)), np.ones((6, 2)), axis=0)\n"
    )
    assert actual(source) == set()
    assert infer(source) == "(…)"


MODEL = (
    "import numpy as np\n"
    "import keras\n"
    "model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(10, activation='softmax')])\n"
    "model.compile(loss='categorical_crossentropy', optimizer='adam')\n"
)


def test_fit_checks_the_targets_against_the_compiled_loss() -> None:
    source = MODEL + "model.fit(np.ones((32, 12)), np.ones((32, 1)), verbose=0)\n"
    assert actual(source) == {("SHP001", 5, 1)}


def test_fit_with_one_hot_targets_is_silent() -> None:
    assert actual(MODEL + "model.fit(np.ones((32, 12)), np.ones((32, 10)), verbose=0)\n") == set()


def test_a_loss_not_modelled_says_nothing() -> None:
    source = MODEL.replace("'categorical_crossentropy'", "'sparse_categorical_crossentropy'")
    assert actual(source + "model.fit(np.ones((32, 12)), np.ones((32, 1)), verbose=0)\n") == set()


def test_a_model_after_pop_is_unknown() -> None:
    source = (
        MODEL + "model.pop()\n"
        "model.add(keras.layers.Dense(1))\n"
        "p = model.predict(np.ones((4, 12)))\n"
        "q = p @ np.ones((10, 2))\n"
    )
    assert actual(source) == set()
