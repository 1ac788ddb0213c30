"""``F.interpolate`` and ``nn.Upsample`` resize the spatial dims of an (N, C, *spatial) input
to ``size`` or by ``scale_factor`` (the rule, ``torch_rules.interpolate``, is pinned by torch
records); an argument whose value is not read leaves the result unknown."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, infer
from tests.expectations import actual, expected

SHAPES = [
    (
        "r = F.interpolate(torch.ones(1, 3, 224, 224), size=(256, 256), mode='bilinear')\n",
        "(1, 3, 256, 256)",
    ),
    (
        "s = (28, 28)\nm = 'nearest'\nr = F.interpolate(torch.ones(2, 4, 7, 7), size=s, mode=m)\n",
        "(2, 4, 28, 28)",
    ),
    ("r = F.interpolate(torch.ones(2, 4, 7, 9), scale_factor=2)\n", "(2, 4, 14, 18)"),
    ("r = F.interpolate(torch.ones(2, 4, 7, 9), scale_factor=0.5)\n", "(2, 4, 3, 4)"),
    ("r = F.interpolate(torch.ones(2, 4, 10), 5, mode='linear')\n", "(2, 4, 5)"),
    (
        "def f(x):\n    return F.interpolate(x, scale_factor=2)\nr = f(torch.ones(2, 4, 7, 9))\n",
        "(2, 4, 14, 18)",
    ),
    (
        "r = nn.Upsample(scale_factor=2, mode='bilinear')(torch.ones(2, 3, 8, 9))\n",
        "(2, 3, 16, 18)",
    ),
    (
        "up = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.Upsample(size=(5, 6)))\n"
        "r = up(torch.ones(2, 3, 8, 9))\n",
        "(2, 4, 5, 6)",
    ),
    # not read: unknown
    (
        "def f(x, s):\n    return F.interpolate(x, scale_factor=s)\n"
        "r = f(torch.ones(2, 4, 7, 9), 1.5 * 2)\n",
        "(…)",
    ),
    ("r = F.interpolate(torch.ones(2, 4, 7, 9), size=4, mode=cfg.mode)\n", "(…)"),
]


@pytest.mark.parametrize(("body", "shape"), SHAPES)
def test_interpolate_shapes(body: str, shape: str) -> None:
    assert infer(TORCH + body) == shape


CASES = [
    pytest.param(
        TORCH + "x = F.interpolate(torch.ones(1, 3, 224, 224), size=(112, 112))\n"
        "y = x.view(1, 3, 224 * 224)  # SHP001: 5\n",
        id="resized-map-no-longer-has-the-old-size",
    ),
    pytest.param(
        TORCH + "x = F.interpolate(torch.ones(1, 3, 224, 224), size=(112, 112))\n"
        "y = x.view(1, 3, 112 * 112)\n",
        id="resized-map-no-longer-has-the-old-size-fixed",
    ),
    pytest.param(
        TORCH + "x = F.interpolate(torch.ones(1, 3, 8, 8), size=4, mode='linear')  # SHP001: 5\n",
        id="linear-mode-needs-a-3d-input",
    ),
    pytest.param(
        TORCH + "x = F.interpolate(torch.ones(1, 3, 8, 8), size=4, mode='bilinear')\n",
        id="linear-mode-needs-a-3d-input-fixed",
    ),
    pytest.param(
        TORCH + "up = nn.Upsample(scale_factor=2, mode='trilinear')\n"
        "x = up(torch.ones(1, 3, 8, 8))  # SHP001: 5\n",
        id="upsample-trilinear-needs-a-5d-input",
    ),
    pytest.param(
        TORCH + "up = nn.Upsample(scale_factor=2, mode='trilinear')\n"
        "x = up(torch.ones(1, 3, 4, 8, 8))\n",
        id="upsample-trilinear-needs-a-5d-input-fixed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_interpolate_findings(source: str) -> None:
    assert actual(source) == expected(source)
