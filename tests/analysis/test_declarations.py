"""What the interpreter infers, snippet by snippet.

Declarations and shape reads refine what is inferred (analysis/declarations, shape_reads)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import NP, TORCH, codes, infer

CASES = [
    (TORCH + "x = torch.load('x.pt')\nB, T, F = x.shape\nr = x", "(B, T, F)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.shape == (4, 5)\nr = x", "(4, 5)"),
    (TORCH + "x = torch.load('x.pt')  # shape: (B, 16)\nr = x.view(-1, 4)", "(4*B, 4)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.ndim == 3\nr = x", "(?, ?, ?)"),
    (TORCH + "r = torch.load('x.pt')  # Shape: (batch_size=2, seq=3)", "(2, 3)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape


def test_a_comment_that_names_its_sizes_is_checked_by_the_sizes() -> None:
    """``name=X`` documents ``X`` (flax's tests write ``# Shape: (batch_size=2, ...)``)."""
    agrees = NP + "x = np.zeros((2, 3))  # Shape: (batch_size=2, features=3)\n"
    differs = NP + "x = np.zeros((2, 3))  # shape: (batch=2, features=4)\n"
    assert codes(agrees) == []
    assert codes(differs) == [("SHP005", 2)]


def test_a_comment_in_a_function_reads_the_function_names_only() -> None:
    """A module global that shares a name with a comment's dim (a notebook's ``head_dim =
    64`` from another cell) does not bind it inside a function: there the comment means the
    function's own value (``self.head_dim``)."""
    source = (
        TORCH + "head_dim = 64\n"
        "def split(x, heads):\n"
        "    b, t, d = x.shape\n"
        "    q = x.view(b, t, heads, d // heads)  # shape: (b, t, heads, head_dim)\n"
        "    n = 5\n"
        "    z = x.reshape(-1, 4)  # shape: (n, 4)\n"
        "    return q\n"
        "split(torch.randn(1, 30, 128), 8)\n"
        "g = torch.randn(3, 32)  # shape: (3, head_dim)\n"
    )
    assert codes(source) == [("SHP005", 9), ("SHP005", 12)]
