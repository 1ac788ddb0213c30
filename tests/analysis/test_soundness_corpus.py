"""Soundness on real code, continued: the modelling faults found on the enlarged corpus
(bench/manifest.json) beyond the classes issue 10 names, each as snippets that must stay
silent beside look-alike buggy snippets that must still report.

Expected findings are the inline ``# SHP001: col`` markers; a snippet without markers must
produce no finding at all. The comment above each snippet names the corpus code it models.
"""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

NP = "import numpy as np\n"
TORCH = "import torch\n"

# -- code under a context manager that asserts it raises is what the test expects ------------

EXPECTED_RAISES = {
    # dm-haiku integration/rank_promotion_test.py: with self.assertRaises(ValueError): ...
    "assert_raises_body": NP
    + "import unittest\n"
    + "class T(unittest.TestCase):\n"
    + "    def test(self):\n"
    + "        with self.assertRaises(ValueError):\n"
    + "            np.ones((8, 3)) * np.ones((8,))\n",
    "pytest_raises_body": NP
    + "import pytest\n"
    + "def test():\n"
    + "    with pytest.raises(ValueError, match='broadcast'):\n"
    + "        np.ones(3) + np.ones(4)\n",
    # the body may stop at its first statement: what it assigns after is not a fact
    "pytest_raises_body_may_stop_early": NP
    + "import pytest\n"
    + "def test():\n"
    + "    x = np.ones(3)\n"
    + "    with pytest.raises(ValueError):\n"
    + "        np.ones(3) + np.ones(4)\n"
    + "        x = np.ones(4)\n"
    + "    return x + np.ones(3)\n",
}

EXPECTED_RAISES_BUGS = {
    "code_after_the_raises_block_is_checked": NP
    + "import pytest\n"
    + "def test():\n"
    + "    with pytest.raises(ValueError):\n"
    + "        int('x')\n"
    + "    return np.ones(3) + np.ones(4)  # SHP001: 12\n",
    "other_context_managers_are_checked": NP
    + "import warnings\n"
    + "def test():\n"
    + "    with warnings.catch_warnings():\n"
    + "        return np.ones(3) + np.ones(4)  # SHP001: 16\n",
}

# -- one element of a NumPy array is of its dtype (any object for dtype=object) -------------

ELEMENTS = {
    # scipy io/matlab/tests/test_mio.py: cells of object arrays hold arrays
    "object_array_element_is_an_array": NP
    + "CN = np.zeros((1, 2), dtype=object)\n"
    + "CN[0, 1] = np.zeros((1, 3), dtype=object)\n"
    + "CN[0, 1][0, 2] = np.zeros((1, 2), dtype=object)\n"
    + "CN[0, 1][0, 2][0, 0] = 4\n",
}

ELEMENTS_BUGS = {
    "torch_element_is_a_0d_tensor": TORCH
    + "x = torch.ones(2, 3)\n"
    + "y = x[0, 1][0]  # SHP001: 5\n",
    "numpy_row_is_still_an_array": NP
    + "x = np.ones((2, 3))\n"
    + "y = x[0, :][0, 1]  # SHP001: 5\n",
}

# -- a size-1 axis written out in a literal is a column on purpose --------------------------

LITERAL_COLUMNS = {
    # scipy stats/tests/test_distributions.py test_stats_broadcast
    "literal_column_broadcasts_on_purpose": NP
    + "dfn = np.array([[3], [11]])\n"
    + "dfd = np.array([11, 12])\n"
    + "v = 2 * dfd**2 * (dfn + dfd - 2) / dfn\n",
}

LITERAL_COLUMNS_BUGS = {
    "computed_column_still_warns": NP
    + "col = np.ones((2, 1))\n"
    + "row = np.array([11, 12])\n"
    + "v = col + row  # SHP006: 5\n",
}

# -- where(cond) alone: index arrays (NumPy, torch) or a (count, rank) tensor (TensorFlow) ----

TF = "import tensorflow as tf\n"

NONZERO = {
    # tf-models-official vision/ops/preprocess_ops.py: tf.squeeze(tf.where(mask), axis=1)
    "tf_where_gives_coordinates": TF
    + "mask = tf.random.uniform((10,)) > 0.5\n"
    + "indices = tf.squeeze(tf.where(mask), axis=1)\n",
    "numpy_where_gives_index_arrays": NP
    + "coords = np.array(np.where(np.ones((3, 4)) > 0)).T\n"
    + "first = coords[:, 0]\n",
}

NONZERO_BUGS = {
    "tf_where_coordinates_have_the_rank": TF
    + "coords = tf.where(tf.ones((3, 4)) > 0)\n"
    + "y = tf.squeeze(coords, axis=2)  # SHP001: 5\n",
    "numpy_where_index_array_is_1d": NP
    + "rows = np.where(np.ones((3, 4)) > 0)[0]\n"
    + "y = rows.reshape(2, -1, 5, 7)[0, 0, 0, 0, 0]  # SHP001: 5\n",
}

# -- a draw without a size has its parameters' broadcast shape ------------------------------

DRAWS = {
    # tf-models-official vision/ops/preprocess_ops_test.py: randint(0, high=column)
    "randint_high_array_gives_its_shape": NP
    + "heights = np.random.randint(0, 600, size=(20, 1))\n"
    + "top = np.random.randint(0, high=(600 - heights))\n"
    + "boxes = np.concatenate([top, top + heights], axis=-1)\n",
}

DRAWS_BUGS = {
    "draw_shape_is_still_checked": NP
    + "top = np.random.normal(np.zeros((20, 1)), 1.0)\n"
    + "boxes = np.concatenate([top, np.ones(20)], axis=-1)  # SHP001: 9\n",
}

SILENT = {**EXPECTED_RAISES, **ELEMENTS, **LITERAL_COLUMNS, **NONZERO, **DRAWS}
BUGS = {
    **EXPECTED_RAISES_BUGS,
    **ELEMENTS_BUGS,
    **LITERAL_COLUMNS_BUGS,
    **NONZERO_BUGS,
    **DRAWS_BUGS,
}


@pytest.mark.parametrize("source", [pytest.param(s, id=n) for n, s in SILENT.items()])
def test_correct_code_stays_silent(source: str) -> None:
    assert expected(source) == set()
    assert actual(source) == set()


@pytest.mark.parametrize("source", [pytest.param(s, id=n) for n, s in BUGS.items()])
def test_look_alike_bug_still_reports(source: str) -> None:
    assert expected(source)
    assert actual(source) == expected(source)
