"""Lists of known length: a comprehension over an iterable of known length (a tensor's
first dim, a long ``range``) keeps that length, so ``np.array`` of it has a shape when its
item's shape is fully known; string literals are scalars to ``np.array`` and ``list("…")``
has one item per character; the standard ``random`` module draws ints and floats."""

from __future__ import annotations

import pytest

from tests.analysis.inference import NP, infer
from tests.expectations import actual, expected

SHAPES = [
    pytest.param(
        NP + "def rot(t):\n    return np.array([[t, 0.0], [0.0, t]])\n"
        "angles = np.linspace(0, 1, 10)\nr = np.array([rot(t) for t in angles])\n",
        "(10, 2, 2)",
        id="comprehension-over-a-tensor",
    ),
    pytest.param(
        NP + "r = np.array([np.zeros(3) for _ in range(100)])\n", "(100, 3)", id="long-range"
    ),
    pytest.param(
        "import random\n" + NP + "r = np.array([[random.randint(0, 1) for _ in range(50)]])\n",
        "(1, 50)",
        id="random-ints-in-a-row",
    ),
    pytest.param(NP + 'r = np.array(["angry", "calm", "sad"])\n', "(3,)", id="strings"),
    pytest.param(NP + 'r = np.array(list("ABCDE"))\n', "(5,)", id="list-of-a-string"),
    pytest.param(
        NP + "d = [np.zeros(3) for _ in range(100)]\nr = len(d)\n",
        "100",
        id="len-of-a-comprehension",
    ),
    # a filter drops an unknown number of items
    pytest.param(
        NP + "x = np.ones(100)\nr = np.array([np.zeros(3) for v in x if v > 0])\n",
        "(…)",
        id="filtered-comprehension-unknown",
    ),
    # items whose shape is not fully known may be ragged
    pytest.param(
        NP + "x = np.ones((100, 4))\nr = np.array([np.zeros(int(v[0])) for v in x])\n",
        "(…)",
        id="item-of-unknown-size-unknown",
    ),
    # a list grown afterwards has an unknown length
    pytest.param(
        NP + "d = [np.zeros(3) for _ in range(100)]\nd.append(np.zeros(3))\nr = np.array(d)\n",
        "(…)",
        id="grown-list-unknown",
    ),
    # a slice keeps the items but not the length
    pytest.param(
        NP + "d = [np.zeros(3) for _ in range(100)]\nr = np.array(d[:10])\n",
        "(…)",
        id="sliced-list-unknown",
    ),
    # a generator may be partly consumed before it is read
    pytest.param(
        NP + "g = (np.zeros(3) for _ in range(100))\nnext(g)\nr = np.stack(list(g))\n",
        "(?, 3)",
        id="generator-length-unknown",
    ),
    pytest.param(
        NP + "d = [np.zeros(3) for _ in range(100)]\nd.pop()\nr = np.array(d)\n",
        "(…)",
        id="popped-list-unknown",
    ),
    pytest.param(
        NP + "d = [np.zeros(3) for _ in range(100)]\nfor i in range(3):\n"
        "    d.append(np.zeros(3))\nr = np.array(d)\n",
        "(…)",
        id="list-grown-in-a-loop-unknown",
    ),
    # two paths building lists of one known length: that length
    pytest.param(
        NP + "def f(c):\n    if c:\n        d = [np.zeros(3) for _ in range(100)]\n"
        "    else:\n        d = [np.ones(3) for _ in range(100)]\n    return np.array(d)\n"
        "r = f(np.random.rand() > 0.5)\n",
        "(100, 3)",
        id="same-length-on-both-paths",
    ),
    pytest.param(
        NP + "def f(c):\n    if c:\n        d = [np.zeros(3) for _ in range(100)]\n"
        "    else:\n        d = [np.ones(3) for _ in range(50)]\n    return np.array(d)\n"
        "r = f(np.random.rand() > 0.5)\n",
        "(…)",
        id="different-lengths-on-two-paths-unknown",
    ),
]


@pytest.mark.parametrize(("source", "shape"), SHAPES)
def test_list_lengths(source: str, shape: str) -> None:
    assert infer(source) == shape


FINDINGS = [
    pytest.param(
        NP + "def rot(t):\n    return np.array([[t, 0.0], [0.0, t]])\n"
        "angles = np.linspace(0, 1, 10)\nrots = np.array([rot(t) for t in angles])\n"
        "r = rots.reshape(5, 5)  # SHP001:5\n",
        id="reshape-of-stacked-items",
    ),
    pytest.param(
        NP + "def rot(t):\n    return np.array([[t, 0.0], [0.0, t]])\n"
        "angles = np.linspace(0, 1, 10)\nrots = np.array([rot(t) for t in angles])\n"
        "r = rots.reshape(10, 4)\n",
        id="reshape-of-stacked-items-fixed",
    ),
    pytest.param(
        NP + 'labels = np.array(list("ABCDEFGH"))\nr = labels.reshape(3, 3)  # SHP001:5\n',
        id="reshape-of-characters",
    ),
    pytest.param(
        NP + 'labels = np.array(list("ABCDEFGHI"))\nr = labels.reshape(3, 3)\n',
        id="reshape-of-characters-fixed",
    ),
]


@pytest.mark.parametrize("source", FINDINGS)
def test_list_length_findings(source: str) -> None:
    assert actual(source) == expected(source)
