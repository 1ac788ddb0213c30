"""What the interpreter infers, snippet by snippet.

Declarations and shape reads refine what is inferred (analysis/declarations)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, infer

CASES = [
    (TORCH + "x = torch.load('x.pt')\nB, T, F = x.shape\nr = x", "(B, T, F)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.shape == (4, 5)\nr = x", "(4, 5)"),
    (TORCH + "x = torch.load('x.pt')  # shape: (B, 16)\nr = x.view(-1, 4)", "(4*B, 4)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.ndim == 3\nr = x", "(?, ?, ?)"),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
