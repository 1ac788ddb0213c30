"""NumPy's Generator API (``np.random.default_rng()``) and ``RandomState`` draw arrays of the
shape asked for, and gather indexing ``a[idx]`` with an index array of known shape keeps the
index's shape."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

NP = "import numpy as np\n"

CASES = [
    pytest.param(
        NP + "rng = np.random.default_rng(0)\n"
        "a = rng.normal(size=(3, 4))\n"
        "b = a @ np.ones((3, 2))  # SHP001: 5\n",
        id="generator-normal",
    ),
    pytest.param(
        NP + "rng = np.random.default_rng(0)\n"
        "a = rng.normal(size=(3, 4))\n"
        "b = a @ np.ones((4, 2))\n",
        id="generator-normal-fixed",
    ),
    pytest.param(
        NP + "rng = np.random.default_rng()\n"
        "a = rng.standard_normal((4, 5))\n"
        "b = a @ rng.uniform(0, 1, (4, 5))  # SHP001: 5\n",
        id="generator-standard-normal-and-uniform",
    ),
    pytest.param(
        NP + "rng = np.random.default_rng(42)\n"
        "idx = rng.integers(0, 10, size=(6,))\n"
        "r = idx @ np.ones((5, 1))  # SHP001: 5\n",
        id="generator-integers",
    ),
    pytest.param(
        NP + "rng = np.random.default_rng(42)\n"
        "pick = rng.choice(10, size=3)\n"
        "r = pick @ np.ones((4, 1))  # SHP001: 5\n",
        id="generator-choice",
    ),
    pytest.param(
        NP + "rng = np.random.default_rng(42)\n"
        "pick = rng.choice(10, size=3)\n"
        "r = pick @ np.ones((3, 1))\n",
        id="generator-choice-fixed",
    ),
    pytest.param(
        NP + "rs = np.random.RandomState(0)\n"
        "e = rs.randn(2, 3)\n"
        "f = e @ rs.rand(2, 3)  # SHP001: 5\n",
        id="random-state",
    ),
    pytest.param(
        NP + "rs = np.random.RandomState(0)\ne = rs.randn(2, 3)\nf = e @ rs.rand(3, 2)\n",
        id="random-state-fixed",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.array([0, 2, 1])\n"
        "rows = a[idx]\n"
        "r = rows @ np.ones((3, 1))  # SHP001: 5\n",
        id="gather-with-an-index-array",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3), dtype=int)\n"
        "r = a[idx] + np.ones((2, 3, 5))  # SHP001: 5\n",
        id="gather-with-a-2d-index-array",
    ),
    pytest.param(
        NP + "a = np.ones((5, 4))\n"
        "idx = np.zeros((2, 3), dtype=int)\n"
        "r = a[idx] + np.ones((2, 3, 4))\n",
        id="gather-with-a-2d-index-array-fixed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_generator_api_and_gathers(source: str) -> None:
    assert actual(source) == expected(source)
