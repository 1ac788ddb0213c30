"""A failed op inside a ``try`` whose handler catches its error is handled, not reported
(analysis/statements ``exec_try``, machine ``catching_failures``).

The TensorFlow guides show errors this way (``try: tf.reshape(t, [7, -1]) except Exception
as e: print(e)``), and so does code with a fallback. A handler for another error, one that
raises again, and the ``else`` clause let the failure through.
"""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

NP = "import numpy as np\n"
TORCH = "import torch\n"
MATMUL = "torch.zeros(2, 3) @ torch.zeros(4, 5)"

CASES = [
    pytest.param(
        NP + "x = np.zeros((3, 2, 5))\ntry:\n    np.reshape(x, (7, -1))\n"
        "except Exception as e:\n    print(e)\n",
        id="caught-by-exception",
    ),
    pytest.param(
        TORCH + f"try:\n    {MATMUL}\nexcept (KeyError, RuntimeError):\n    pass\n",
        id="caught-by-a-tuple",
    ),
    pytest.param(
        "import tensorflow as tf\ntry:\n    tf.reshape(tf.zeros((3, 2, 5)), [7, -1])\n"
        "except tf.errors.InvalidArgumentError:\n    pass\n",
        id="caught-by-tf-errors",
    ),
    pytest.param(TORCH + f"try:\n    {MATMUL}\nexcept:\n    pass\n", id="bare-except"),
    pytest.param(
        TORCH + f"try:\n    {MATMUL}  # SHP001: 5\nexcept KeyError:\n    pass\n",
        id="another-error-passes-through",
    ),
    pytest.param(
        TORCH + f"try:\n    {MATMUL}  # SHP001: 5\nexcept RuntimeError:\n    raise\n",
        id="re-raised",
    ),
    pytest.param(
        TORCH + "try:\n    y = torch.zeros(2, 3)\nexcept Exception:\n    y = None\n"
        "else:\n    y @ torch.zeros(4, 5)  # SHP001: 5\n",
        id="else-clause-not-caught",
    ),
    pytest.param(
        TORCH + "def g(a):\n    try:\n        return a @ torch.zeros(4, 5)\n"
        "    except RuntimeError:\n        return None\n"
        "g(torch.zeros(2, 3))\ng(torch.zeros(2, 3))\n",
        id="caught-inside-a-function-called-twice",
    ),
    pytest.param(
        TORCH + "def f(a):\n    return a @ torch.zeros(4, 5)  # SHP001: 12\n"
        "try:\n    f(torch.zeros(2, 3))\nexcept RuntimeError:\n    pass\n"
        "f(torch.zeros(2, 3))\n",
        id="caught-at-one-call-not-at-the-other",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_caught_failures(source: str) -> None:
    assert actual(source) == expected(source)
