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


def test_axis_lengths_named_like_the_tensor_role_stay_axis_lengths() -> None:
    """``x=4`` in ``rearrange(q, "(x y) d -> x y d", x=4)`` is the length of axis ``x``,
    not the tensor."""
    source = (
        "import torch\nfrom einops import rearrange\n"
        "r = rearrange(torch.ones(16, 8), '(x y) d -> x y d', x=4)"
    )
    assert infer(source) == "(4, 4, 8)"
    assert infer(source.replace("x=4", "x=3")) == "(…)"  # 3 does not divide 16: an error


def test_einops_einsum_with_an_ellipsis_on_both_sides_is_no_error() -> None:
    """``einops.einsum(t, t, '... s n d, ... s n e -> ... s d e')`` is valid: the ellipsis
    dims are kept, their number unknown here; an ellipsis only on the right is refused."""
    ok = (
        "import torch\nfrom einops import einsum\nt = torch.randn(2, 1, 10, 8)\n"
        "r = einsum(t, t, '... s n d, ... s n e -> ... s d e')"
    )
    assert infer(ok) == "(…, 1, 8, 8)"
    assert infer(ok.replace("'... s n d, ... s n e", "'s n d, s n e")) == "(…)"
