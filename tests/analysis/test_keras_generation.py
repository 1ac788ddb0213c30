"""Which Keras a module runs under (analysis/imports ``keras_generation``, the
``keras-version`` setting): where only one Keras refuses, the finding needs to know it.

Each buggy snippet raises under keras 3.15 and runs under tf-keras 2.21 (both run in the
frameworks venv): ``binary_crossentropy`` of a (10, 2) target and a (10, 1) output, a
``Conv2D`` given five axes, and a ``Loss`` subclass's ``call`` of (32,) targets against a
(32, 1) output in ``fit``. With the Keras unknown (``import keras``, ``tf.keras``) they stay
silent; ``keras-version = 3`` or an import only Keras 3 has (``from keras import ops``)
reports them, and ``tf_keras`` keeps them silent whatever the setting says is not given.
"""

from __future__ import annotations

import pytest

from shapelint.analysis.imports import keras_generation
from shapelint.config import Config
from shapelint.engine import lint_source

BINARY = (
    "import numpy as np\n"
    "y = np.random.rand(10, 2).astype('float32')\n"
    "p = keras.layers.Dense(1, activation='sigmoid')(np.random.rand(10, 4).astype('float32'))\n"
    "loss = keras.losses.binary_crossentropy(y, p)\n"
)
CONV = (
    "model = keras.Sequential()\n"
    "model.add(keras.Input(shape=(1, 3, 36, 64)))\n"
    "model.add(keras.layers.Conv2D(8, 3, data_format='channels_first'))\n"
)
LOSS = (
    "import numpy as np\n"
    "class Wrapped(keras.losses.Loss):\n"
    "    def call(self, y_true, y_pred):\n"
    "        return keras.losses.binary_crossentropy(y_true, y_pred)\n"
    "model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])\n"
    "model.compile(optimizer='adam', loss=Wrapped())\n"
    "model.fit(np.zeros((32, 4)), np.zeros(32))\n"
)


def findings(source: str, keras_version: int | None = None) -> list[tuple[str, int]]:
    config = Config(select=("SHP",), keras_version=keras_version)
    return [(d.code, d.start.line) for d in lint_source(source, "t.py", config)]


@pytest.mark.parametrize(
    ("body", "line"), [(BINARY, 5), (CONV, 4), (LOSS, 5)], ids=["binary", "conv", "loss"]
)
def test_only_keras_3_refuses(body: str, line: int) -> None:
    source = "import keras\n" + body
    assert findings(source) == []
    assert findings(source, keras_version=2) == []
    assert findings(source, keras_version=3) == [("SHP001", line)]
    assert findings("import keras\nfrom keras import ops\n" + body) == [("SHP001", line + 1)]
    assert findings("import tf_keras as keras\n" + body) == []


def test_the_keras_3_fixes_stay_silent() -> None:
    fixed_binary = BINARY.replace("rand(10, 2)", "rand(10, 1)")
    fixed_conv = CONV.replace("(1, 3, 36, 64)", "(3, 36, 64)")
    fixed_loss = LOSS.replace("np.zeros(32))", "np.zeros((32, 1)))")
    for body in (fixed_binary, fixed_conv, fixed_loss):
        assert findings("import keras\n" + body, keras_version=3) == []


@pytest.mark.parametrize(
    ("imported", "generation"),
    [
        (["keras", "keras.layers"], None),
        (["tensorflow"], None),
        (["tf_keras"], 2),
        (["tf_keras.layers.Dense"], 2),
        (["keras", "keras.ops"], 3),
        (["keras_core"], 3),
        (["keras.ops", "tf_keras"], None),
        (["keras.opsx"], None),
    ],
)
def test_what_imports_tell(imported: list[str], generation: int | None) -> None:
    assert keras_generation(imported) == generation
