"""Keras 3's ``keras.ops.dot`` is NumPy's N-D dot (checked with keras 3.15 on TensorFlow:
(2, 3, 4) . (2, 4, 3) gives (2, 3, 2, 3)), so SHP004 judges it like ``K.dot``."""

from __future__ import annotations

from tests.analysis.inference import infer
from tests.expectations import actual

HEAD = "import numpy as np\nfrom keras import ops\n"


def test_ops_dot_of_rank3_batches_is_shp004() -> None:
    source = HEAD + "r = ops.dot(np.ones((2, 3, 4)), np.ones((2, 4, 3)))\n"
    assert actual(source) == {("SHP004", 3, 5)}
    assert infer(source) == "(2, 3, 2, 3)"


def test_ops_dot_on_a_matrix_is_silent() -> None:
    source = HEAD + "r = ops.dot(np.ones((2, 3, 4)), np.ones((4, 5)))\n"
    assert actual(source) == set()
    assert infer(source) == "(2, 3, 5)"


def test_ops_matmul_of_batches_is_silent() -> None:
    assert actual(HEAD + "r = ops.matmul(np.ones((2, 3, 4)), np.ones((2, 4, 3)))\n") == set()
