"""The argument binder: present-but-unknown is never absent, a splat or an argument the model
does not place makes the result unknown, and a declared signature decides per parameter."""

from __future__ import annotations

import libcst
import pytest

from shapelint.analysis import binder
from shapelint.analysis.binder import Param
from shapelint.analysis.interpreter import Interpreter
from shapelint.analysis.values import Tensor

TORCH = "import torch\nimport torch.nn as nn\nx = torch.ones(2, 3, 16, 16)\nv = torch.ones(2, 4)\n"
KERAS = (
    "from tensorflow.keras import layers\nimport tensorflow as tf\nx = tf.ones((2, 16, 16, 3))\n"
)
UNKNOWN = "(…)"


def infer(source: str) -> str | None:
    interpreter = Interpreter(libcst.parse_module(source))
    interpreter.run()
    value = interpreter.scopes[0].get("r")
    return str(value.shape) if isinstance(value, Tensor) else None


@pytest.mark.parametrize(
    ("source", "shape"),
    [
        # written by position or by keyword: one parameter
        (TORCH + "r = nn.Conv2d(3, 8, 3, 2)(x)", "(2, 8, 7, 7)"),
        (TORCH + "r = nn.Conv2d(3, 8, kernel_size=3, stride=2)(x)", "(2, 8, 7, 7)"),
        # not written: the default (stride 1, padding 0)
        (TORCH + "r = nn.Conv2d(3, 8, 3)(x)", "(2, 8, 14, 14)"),
        # written but unknown: never the default (the sizes it decides are unknown)
        (
            TORCH + "def f(s):\n    return nn.Conv2d(3, 8, 3, stride=s)(x)\nr = f(g())",
            "(2, 8, ?, ?)",
        ),
        (TORCH + "r = nn.Conv2d(3, 8, 3, padding=unknown_name)(x)", "(2, 8, ?, ?)"),
        (KERAS + "r = layers.Conv2D(8, 3, padding=p)(x)", UNKNOWN),
        (KERAS + "r = layers.Conv2D(8, 3)(x)", "(2, 14, 14, 8)"),
        (KERAS + "r = layers.MaxPooling2D(strides=s)(x)", UNKNOWN),
        # without a declared signature, a positional past the table's roles is dropped
        (TORCH + "r = nn.Linear(4, 5, True)(v)", "(2, 5)"),
        (TORCH + "r = nn.Dropout(0.1)(v)", "(2, 4)"),
        (TORCH + "r = v.to('cpu')", "(2, 4)"),
        ("import numpy as np\nr = np.zeros((2, 3), float)", "(2, 3)"),
    ],
)
def test_binding(source: str, shape: str) -> None:
    assert infer(source) == shape


def test_a_splat_at_the_call_site_could_fill_anything() -> None:
    assert infer(TORCH + "r = nn.Linear(4, 5)(v)") == "(2, 5)"
    assert infer(TORCH + "r = nn.Linear(4, 5, **kw)(v)") is None
    assert infer(TORCH + "r = nn.Linear(*sizes)(v)") is None


def test_a_declared_signature_decides_per_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        binder.SIGNATURES,
        "linear",
        binder.signature(
            Param("in_features", 0),
            Param("out_features", 1),
            Param("bias", 2, "neutral"),
            Param("device", 3, "neutral"),
            Param("dtype", 4, "unmodelled"),
        ),
    )
    assert infer(TORCH + "r = nn.Linear(4, 5, True, 'cpu')(v)") == "(2, 5)"
    assert (
        infer(TORCH + "r = nn.Linear(in_features=4, out_features=5, device='cpu')(v)") == "(2, 5)"
    )
    assert infer(TORCH + "r = nn.Linear(4, 5, dtype=torch.float16)(v)") == UNKNOWN
    assert infer(TORCH + "r = nn.Linear(4, 5, not_a_parameter=1)(v)") == UNKNOWN
    assert infer(TORCH + "r = nn.Linear(4, 5, True, 'cpu', None, 6)(v)") == UNKNOWN


def test_a_declared_signature_binds_an_op_too(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "import numpy as np\nr = np.matmul(np.ones((2, 3)), np.ones((3, 4)), out=o)\n"
    assert infer(source) == "(2, 4)"
    monkeypatch.setitem(
        binder.SIGNATURES,
        "matmul",
        binder.signature(Param("x", 0), Param("y", 1), Param("out", None, "unmodelled")),
    )
    assert infer(source) == UNKNOWN
