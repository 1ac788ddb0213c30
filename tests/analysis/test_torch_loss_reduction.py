"""torch losses and their ``reduction`` (analysis/ops_losses, shapes/torch_losses): 'none'
keeps one loss per element or sample, 'mean' (the default) and 'sum' give a 0-d loss, and
a value the analysis cannot read, or a legacy ``reduce``/``size_average`` flag, leaves the
result unknown."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, codes, infer

CE = TORCH + "logits = torch.randn(10, 5)\nlabels = torch.randint(0, 5, (10,))\n"

CASES = [
    (CE + "r = F.cross_entropy(logits, labels, reduction='none')", "(10,)"),
    (CE + "r = F.cross_entropy(logits, labels)", "()"),
    (CE + "r = F.cross_entropy(logits, labels, reduction='sum')", "()"),
    (CE + "r = F.cross_entropy(logits, torch.rand(10, 5), reduction='none')", "(10,)"),
    (CE + "r = F.nll_loss(logits, labels, reduction='none')", "(10,)"),
    (
        TORCH + "r = F.nll_loss(torch.randn(2, 5, 3, 3), torch.randint(0, 5, (2, 3, 3)), "
        "reduction='none')",
        "(2, 3, 3)",
    ),
    (TORCH + "r = F.mse_loss(torch.randn(4, 3), torch.randn(3), reduction='none')", "(4, 3)"),
    (TORCH + "r = nn.MSELoss(reduction='none')(torch.randn(4, 3), torch.randn(4, 3))", "(4, 3)"),
    (TORCH + "r = nn.BCELoss(reduction='none')(torch.rand(4, 3), torch.rand(4, 3))", "(4, 3)"),
    (
        TORCH
        + "r = nn.CrossEntropyLoss(reduction='none')(torch.randn(4, 3), torch.ones(4).long())",
        "(4,)",
    ),
    (TORCH + "r = nn.MSELoss()(torch.randn(4, 3), torch.randn(4, 3))", "()"),
    # unknown: a reduction the analysis cannot read, an invalid one, the legacy flags
    (CE + "import sys\nr = F.cross_entropy(logits, labels, reduction=sys.argv[1])", "(…)"),
    (CE + "r = F.cross_entropy(logits, labels, reduction='average')", "(…)"),
    (TORCH + "r = nn.MSELoss(reduce=False)(torch.randn(4, 3), torch.randn(4, 3))", "(…)"),
    (TORCH + "r = nn.MSELoss(size_average=False)(torch.randn(4, 3), torch.randn(4, 3))", "(…)"),
    (CE + "r = F.cross_entropy(logits, labels, reduce=False)", "(…)"),
]


@pytest.mark.parametrize(("source", "shape"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape


WEIGHTED = CE + (
    "weights = torch.rand(10{column})\n"
    "losses = F.cross_entropy(logits, labels, reduction='none')\n"
    "weighted = (weights * losses).sum()\n"
)


def test_per_sample_losses_times_a_column_of_weights_is_an_outer_product() -> None:
    assert codes(WEIGHTED.format(column=", 1")) == [("SHP002", 8)]
    assert codes(WEIGHTED.format(column="")) == []


HEAD = TORCH + (
    "loss_fct = nn.MSELoss(reduction='none')\n"
    "logits = torch.randn(32, 1).squeeze(-1)\n"
    "labels = torch.randint(0, 16, ({shape}))\n"
    "per_sample = loss_fct(logits, labels.float())\n"
)


def test_unreduced_loss_module_still_checks_its_operands() -> None:
    assert codes(HEAD.format(shape="32, 1")) == [("SHP006", 7)]
    assert codes(HEAD.format(shape="32,")) == []


def test_nll_loss_refuses_class_probabilities() -> None:
    assert codes(CE + "r = F.nll_loss(logits, torch.rand(10, 5))\n") == [("SHP001", 6)]
    assert codes(CE + "r = F.cross_entropy(logits, torch.rand(10, 5))\n") == []
