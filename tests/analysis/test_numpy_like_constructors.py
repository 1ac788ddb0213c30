"""``np.full_like(a, fill_value)`` has the shape of ``a`` whatever the fill value (numpy
broadcasts the fill into ``a``'s shape or raises), so its result is known; a ``shape=``
argument, which replaces it, is not modelled and leaves the result unknown."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

NP = "import numpy as np\n"

CASES = [
    pytest.param(
        NP + "x = np.zeros((80, 2))\n"
        "w = np.full_like(x, 0.1)\n"
        "y = w @ np.ones((3, 1))  # SHP001: 5\n",
        id="full-like-scalar-fill",
    ),
    pytest.param(
        NP + "x = np.zeros((80, 2))\n"
        "w = np.full_like(x, [1.0, 2.0])\n"
        "y = w @ np.ones((3, 1))  # SHP001: 5\n",
        id="full-like-broadcast-fill",
    ),
    pytest.param(
        NP + "x = np.zeros((80, 2))\nw = np.full_like(x, 0.1)\ny = w @ np.ones((2, 1))\n",
        id="full-like-fixed",
    ),
    pytest.param(
        NP + "x = np.zeros((80, 2))\n"
        "w = np.full_like(x, 0.1, shape=(3,))\n"
        "y = w @ np.ones((2, 1))\n",
        id="full-like-shape-unmodelled-silent",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_full_like_keeps_the_shape_of_its_model(source: str) -> None:
    assert actual(source) == expected(source)
