"""The binder decides each argument a table's roles do not cover by the API's real parameter.

A positional past the roles fills the real parameter at its position
(``frameworks.positions``), a keyword names one: modelled ones bind, shape-neutral ones are
ignored, unmodelled ones (and arguments the API does not take) make the result unknown,
with no event (issue 10, class 2).
"""

from __future__ import annotations

import pytest

from shapelint.analysis.binder import extra_positional, status
from shapelint.analysis.frameworks import function_spec, layer_spec
from shapelint.engine import lint_source
from tests.analysis.inference import NP, TF, TORCH, infer

UNKNOWN = "(…)"

CASES = [
    # shape-neutral positionals past the roles are ignored
    (TORCH + "dev = 'cpu'\nr = torch.ones(2, 3).to(dev)", "(2, 3)"),
    (TORCH + "r = torch.ones(2, 3).to(torch.float32, non_blocking=True)", "(2, 3)"),
    (NP + "r = np.ones((2, 3)).astype(np.float32)", "(2, 3)"),
    (NP + "r = np.zeros((2, 3), float)", "(2, 3)"),
    (TORCH + "m = nn.Dropout(0.5)\nr = m(torch.ones(2, 3))", "(2, 3)"),
    (TORCH + "m = nn.LayerNorm(3, 1e-5)\nr = m(torch.ones(2, 3))", "(2, 3)"),
    (TORCH + "m = nn.Linear(3, 4, True, 'cpu')\nr = m(torch.ones(2, 3))", "(2, 4)"),
    # modelled ones bind, by position as by keyword
    (TORCH + "r = F.max_pool2d(torch.ones(1, 1, 5, 5), 2, 2, 0, 1, True)", "(1, 1, 3, 3)"),
    (TORCH + "m = nn.LSTM(4, 8, 1, True, True)\nr, _ = m(torch.ones(2, 5, 4))", "(2, 5, 8)"),
    (TORCH + "r = torch.ones(2, 3).sum(1, True)", "(2, 1)"),
    # unmodelled ones, and arguments the API does not take, make the result unknown
    (TORCH + "r = F.max_pool2d(torch.ones(1, 1, 5, 5), 2, return_indices=True)", UNKNOWN),
    (TORCH + "r = torch.ones(2, 3).sum(1, foo=True)", UNKNOWN),
    (NP + "r = np.zeros((2, 3), float, 'C', 5)", UNKNOWN),
]


@pytest.mark.parametrize(("source", "shape"), CASES, ids=[c[0].splitlines()[-1] for c in CASES])
def test_each_argument_is_decided_by_its_real_parameter(source: str, shape: str) -> None:
    assert infer(source) == shape


def test_an_unmodelled_layer_option_makes_the_layer_unknown() -> None:
    """``keepdims`` of GlobalAveragePooling2D keeps the rank the model would drop: silent."""
    source = TF + (
        "x = keras.Input((8, 8, 3))\n"
        "y = layers.GlobalAveragePooling2D('channels_last', keepdims=True)(x)\n"
        "z = layers.Conv2D(4, 1)(y)\n"
    )
    assert lint_source(source, "m.py") == []
    assert infer(source, "y") == UNKNOWN


def test_the_classification_of_real_parameters() -> None:
    found = layer_spec("keras.layers.GlobalAveragePooling2D")
    assert found is not None
    pool = found[0]
    api = "keras.layers.GlobalAveragePooling2D"
    assert status(pool, api, "keepdims") == "unmodelled"
    assert status(pool, api, "name") == "neutral"
    assert status(pool, api, "trainable") == "neutral"
    assert status(pool, api, "input_shape") == "modelled"
    assert extra_positional(pool, api, 5) == ("unmodelled", None)  # it takes two at most
    found_op = function_spec("torch.nn.functional.max_pool2d")
    assert found_op is not None
    max_pool = found_op[0]
    assert extra_positional(max_pool, "torch.nn.functional.max_pool2d", 0) == (
        "unmodelled",
        None,
    )  # return_indices
    assert extra_positional(max_pool, "not.recorded", 0) == ("neutral", None)
