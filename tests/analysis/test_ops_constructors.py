"""What the interpreter infers, snippet by snippet.

Op kinds that make tensors (analysis/ops_constructors)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import JNP, NP, TF, TORCH, K, codes, infer

CASES = [
    (NP + "r = np.zeros((2, 3))", "(2, 3)"),
    (NP + "r = np.random.randn(4, 5)", "(4, 5)"),
    (NP + "r = np.array([[1, 2, 3], [4, 5, 6]])", "(2, 3)"),
    (NP + "r = np.arange(10)", "(10,)"),
    (NP + "r = np.arange(2, 11, 3)", "(3,)"),
    (NP + "r = np.eye(4)", "(4, 4)"),
    (NP + "r = np.linspace(0, 1)", "(50,)"),
    (NP + "r = np.linspace(np.zeros(3), np.ones((2, 3)), 4)", "(4, 2, 3)"),
    (NP + "r = np.logspace(np.zeros(2), 1, 4)", "(4, 2)"),
    (JNP + "r = jnp.linspace(jnp.zeros(3), 1.0, 5)", "(5, 3)"),
    (TF + "r = tf.linspace(tf.zeros(3), tf.ones((2, 3)), 5)", "(5, 2, 3)"),
    (TORCH + "r = torch.linspace(0, 1, 7)", "(7,)"),
    (NP + "r = np.random.normal(0, 1, size=(3, 2))", "(3, 2)"),
    (TORCH + "r = torch.zeros(2, 3)", "(2, 3)"),
    (TORCH + "r = torch.randn((2, 3))", "(2, 3)"),
    (TORCH + "r = torch.randn(size=(2, 3))", "(2, 3)"),
    (TORCH + "x = torch.ones(4, 2)\nr = torch.randn_like(x)", "(4, 2)"),
    (TORCH + "r = torch.randint(0, 10, (5, 7))", "(5, 7)"),
    (TORCH + "r = torch.tensor([[1.0, 2.0]])", "(1, 2)"),
    (TF + "r = tf.constant([[1, 2], [3, 4], [5, 6]])", "(3, 2)"),
    (TF + "r = tf.random.normal([8, 16])", "(8, 16)"),
    (K + "r = K.ones((2, 3, 4))", "(2, 3, 4)"),
    (JNP + "r = jnp.ones((3, 4))", "(3, 4)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape


def test_linspace_of_endpoints_of_unknown_shape_is_unknown() -> None:
    """An endpoint the analysis cannot see may be an array, which adds its axes after
    ``num``: indexing the result by two axes stays silent (skimage's ``line_nd``)."""
    source = (
        NP + "def line(start, stop, n):\n"
        "    start = np.asarray(start)\n"
        "    coords = np.linspace(start, stop, num=n).T\n"
        "    return coords[0, :]\n"
        "r = np.linspace(np.asarray(unknown_start), 1.0, 3)\n"
    )
    assert infer(source) in (None, "(…)")
    assert codes(source) == []


def test_linspace_of_endpoints_that_cannot_broadcast_raises() -> None:
    source = NP + "r = np.linspace(np.zeros(3), np.ones(4), 5)\n"
    assert codes(source) == [("SHP001", 2)]


def test_a_dtype_that_changes_the_shape_makes_it_unknown() -> None:
    """``dtype="c"`` splits strings into characters (gymnasium's taxi map, ``np.asarray(MAP,
    dtype="c")``, is (7, 11)), and a sub-array dtype appends its shape; both run under NumPy
    2.4. A plain dtype keeps the shape."""
    grid = NP + "MAP = ['+---+', '|R:G|']\ndesc = np.asarray(MAP, dtype='c')\nr = desc[1, 2]\n"
    assert infer(grid) in (None, "(…)")
    assert codes(grid) == []
    assert infer(NP + "r = np.zeros(3, dtype=(np.float64, (2,)))\n") in (None, "(…)")
    assert infer(NP + "r = np.zeros((3, 2), dtype=np.float32)\n") == "(3, 2)"
    assert infer(NP + "r = np.array(['ab', 'cd'])\n") == "(2,)"
