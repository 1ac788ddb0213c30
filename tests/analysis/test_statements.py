"""What the interpreter infers, snippet by snippet.

Statements and control flow: branches join, loops widen, calls of user functions,
and what is not modelled stays unknown (analysis/statements, calls)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import NP, TORCH, infer

CASES = [
    (
        NP + "import sys\nif sys.argv:\n    r = np.ones((2, 3))\nelse:\n    r = np.ones((5, 3))",
        "(?, 3)",
    ),
    (NP + "r = np.ones((2, 3))\nfor _ in range(3):\n    r = np.concatenate([r, r])", "(16, 3)"),
    (
        NP + "import sys\nr = np.ones((2, 3))\nfor _ in sys.argv:\n    r = np.concatenate([r, r])",
        "(?, 3)",
    ),
    (NP + "n = 0\nif n > 0:\n    r = np.ones(3)\nelse:\n    r = np.ones(4)", "(4,)"),
    (NP + "def f(a):\n    return a.T\nr = f(np.ones((2, 5)))", "(5, 2)"),
    (NP + "r = np.stack([np.ones(4) for _ in range(3)])", "(3, 4)"),
    (NP + "import sys\nr = np.stack([np.ones(4) for _ in sys.argv])", "(?, 4)"),
    (NP + "cfg = {'d': 16}\ncfg['h'] = 4\nr = np.ones((cfg['d'], cfg['h']))", "(16, 4)"),
    (NP + "import math\nr = np.ones((2, 16)) * (16 ** -0.5) / math.sqrt(2)", "(2, 16)"),
    (NP + "xs = []\nfor i in range(3):\n    xs.append(np.ones(i + 1))\nr = xs[2]", "(3,)"),
    (NP + "d = dict(a=2, b=3)\nr = np.zeros(tuple(d.values()))", "(2, 3)"),
    (NP + "r = np.load('data.npy')", None),
    (NP + "r = np.load('data.npy') @ np.ones((3, 2))", "(…, 2)"),
    (TORCH + "r = torch.ones(2, 3).some_unknown_method()", None),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
