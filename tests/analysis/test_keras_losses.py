"""``keras.losses.categorical_crossentropy`` judged by Keras: every pair of shapes recorded
from Keras 3 and tf.keras (``scripts/record_keras_losses.py``) is replayed through the
analysis; an error must give SHP001 at the call, a result must be the inferred shape."""

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


@pytest.mark.parametrize(("library", "name", "target", "output", "result"), CASES)
def test_keras_losses_follow_keras(
    library: str, name: str, target: list[int], output: list[int], result: object
) -> None:
    source = (
        IMPORTS[library] + "import numpy as np\n"
        f"r = keras.losses.{name}(np.zeros({tuple(target)}), np.ones({tuple(output)}))\n"
    )
    found = actual(source)
    if result == "error":
        assert found == {("SHP001", 3, 5)}
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
