"""``torch.clamp``/``clip`` (analysis/ops_torch, shapes/torch_rules.clamp): number bounds
keep the input's shape, tensor bounds broadcast with it, a bound of unknown kind leaves the
result unknown, and a number with a tensor of 1 or more dims is refused."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, codes, infer

R = TORCH + "ratio = torch.randn(8)\neps = 0.2\n"

CASES = [
    (R + "r = torch.clamp(ratio, 1.0 - eps, 1.0 + eps)", "(8,)"),
    (R + "r = ratio.clamp(min=0)", "(8,)"),
    (R + "r = ratio.clip(max=torch.zeros(()))", "(8,)"),
    (R + "r = torch.clamp(ratio, min=torch.zeros(2, 8))", "(2, 8)"),
    (R + "r = torch.clip(ratio, torch.zeros(2, 1), torch.zeros(8))", "(2, 8)"),
    (R + "def f(lo):\n    return torch.clamp(ratio, lo)\nimport sys\nr = f(sys.argv)", "(…)"),
]


@pytest.mark.parametrize(("source", "shape"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape


def test_clamped_ratio_times_a_column_is_an_outer_product() -> None:
    surrogate = R + "adv = torch.randn(8{column})\ns = torch.clamp(ratio, 1 - eps, 1 + eps) * adv\n"
    assert codes(surrogate.format(column=", 1")) == [("SHP002", 7)]
    assert codes(surrogate.format(column="")) == []


def test_bounds_that_cannot_fit_are_errors() -> None:
    assert codes(R + "r = torch.clamp(ratio, min=torch.zeros(3))\n") == [("SHP001", 6)]
    assert codes(R + "r = torch.clamp(ratio, 0.1, torch.zeros(8))\n") == [("SHP001", 6)]
    assert codes(R + "r = torch.clamp(ratio, 0.1, torch.zeros(()))\n") == []
