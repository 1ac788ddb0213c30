"""``keras.metrics.Accuracy`` compares labels with predictions elementwise (checked against
Keras 3 and tf.keras): labels that cannot broadcast against the predictions, neither with
a trailing axis of 1 either Keras would squeeze, fail when it is called or updated."""

from __future__ import annotations

import pytest

from tests.expectations import actual

K = "import numpy as np\nimport keras\nm = keras.metrics.Accuracy()\n"


@pytest.mark.parametrize("form", ["m.update_state({}, {})", "r = m({}, {})"])
@pytest.mark.parametrize(("labels", "predictions"), [((16,), (16, 10)), ((16, 3), (16, 10))])
def test_labels_that_do_not_broadcast_fail(
    form: str, labels: tuple[int, ...], predictions: tuple[int, ...]
) -> None:
    source = K + form.format(f"np.zeros({labels})", f"np.zeros({predictions})") + "\n"
    column = 1 if form.startswith("m.") else 5
    assert actual(source) == {("SHP001", 4, column)}


@pytest.mark.parametrize(
    ("labels", "predictions"),
    [
        ((4, 3), (4, 3)),
        ((16,), (16, 1)),  # squeezed or expanded by both
        ((16, 1), (16, 10)),  # Keras 3 broadcasts it, tf.keras refuses: not claimed
        ((10,), (10, 10)),  # likewise
    ],
)
def test_labels_a_keras_accepts_are_silent(
    labels: tuple[int, ...], predictions: tuple[int, ...]
) -> None:
    source = K + f"m.update_state(np.zeros({labels}), np.zeros({predictions}))\n"
    assert actual(source) == set()


def test_other_metric_methods_say_nothing() -> None:
    assert actual(K + "m.reset_state()\nr = m.result()\n") == set()
