"""A ``keras.losses.Loss`` subclass a model is compiled with: ``fit``/``evaluate`` run its
``call`` on a batch of the targets and of the model's outputs (batch axis unknown), so a
shape bug inside it shows there; a direct call is reduced (its shape unknown)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

LOSS = (
    "import numpy as np\nimport keras\n"
    "class Wrapped(keras.losses.Loss):\n"
    "    def call(self, y_true, y_pred):\n"
    "        return keras.losses.categorical_crossentropy(y_true, y_pred)\n"
    "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='softmax')])\n"
    "model.compile(optimizer='sgd', loss=Wrapped())\n"
)


@pytest.mark.parametrize("method", ["fit", "evaluate"])
def test_the_loss_s_call_judges_the_targets(method: str) -> None:
    bad = LOSS + f"model.{method}(np.ones((32, 4)), np.zeros((32, 1)), verbose=0)\n"
    assert actual(bad) == {("SHP001", 5, 16)}
    good = LOSS + f"model.{method}(np.ones((32, 4)), np.zeros((32, 3)), verbose=0)\n"
    assert actual(good) == set()


def test_flat_targets_of_a_two_axis_output_are_not_followed() -> None:
    # tf.keras gives them a trailing axis before the loss, Keras 3 does not
    source = LOSS + "model.fit(np.ones((32, 4)), np.zeros((32,)), verbose=0)\n"
    assert actual(source) == set()


def test_a_loss_without_its_own_call_or_not_a_keras_loss_is_not_run() -> None:
    other = LOSS.replace("(keras.losses.Loss)", "(object)")
    assert actual(other + "model.fit(np.ones((32, 4)), np.zeros((32, 1)))\n") == set()


def test_calling_the_loss_reduces_its_result() -> None:
    source = LOSS + "r = Wrapped()(np.zeros((5, 3)), np.ones((5, 3)))\n"
    assert infer(source) == "(…)"
    assert actual(source) == set()


WRAPPER = (
    "import numpy as np\nimport keras\n"
    "class Wrapper(keras.losses.Loss):\n"
    "    def __init__(self, loss):\n"
    "        super().__init__()\n"
    "        self.loss = loss\n"
    "    def call(self, y_true, y_pred):\n"
    "        return self.loss(y_true, y_pred)\n"
    "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='sigmoid')])\n"
)


@pytest.mark.parametrize("name", ["categorical_crossentropy", "binary_crossentropy"])
def test_a_loss_function_got_by_name_runs_in_the_wrapper(name: str) -> None:
    source = WRAPPER + f"model.compile(loss=Wrapper(keras.losses.get({name!r})))\n"
    bad = source + "model.fit(np.ones((32, 4)), np.zeros((32, 2)))\n"
    assert actual(bad) == {("SHP001", 8, 16)}
    good = source + "model.fit(np.ones((32, 4)), np.zeros((32, 3)))\n"
    assert actual(good) == set()


def test_a_loss_name_not_modelled_is_unknown() -> None:
    source = WRAPPER + "model.compile(loss=Wrapper(keras.losses.get('mse')))\n"
    assert actual(source + "model.fit(np.ones((32, 4)), np.zeros((32, 2)))\n") == set()
    assert infer("import keras\nr = keras.losses.get('mse')\n") is None
