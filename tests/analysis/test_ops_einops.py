"""What the interpreter infers, snippet by snippet: einops kinds (analysis/ops_einops)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer

CASES = [
    (
        "import torch\nfrom einops import rearrange\n"
        "r = rearrange(torch.ones(2, 3, 4, 6), 'b c h (w p) -> b (c h) w p', p=2)",
        "(2, 12, 3, 2)",
    ),
    (
        "import torch\nfrom einops import repeat\n"
        "r = repeat(torch.ones(3, 4), 'h w -> b h w', b=5)",
        "(5, 3, 4)",
    ),
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
