"""``torch.distributions``: a distribution built from parameter tensors has a batch and an
event shape, and its draws, densities and moments have the shapes torch gives them (checked
against torch 2.13 over the families of ``distributions.FAMILIES``)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, infer
from tests.expectations import actual, expected

D = TORCH + "from torch import distributions as D\n"

SHAPES = [
    ("d = D.Categorical(torch.rand(16, 2))\nr = d.sample()\n", "(16,)"),
    ("d = D.Categorical(logits=torch.rand(16, 2))\nr = d.sample((5,))\n", "(5, 16)"),
    ("d = D.Categorical(torch.rand(16, 2))\nr = d.log_prob(d.sample())\n", "(16,)"),
    ("d = D.Categorical(torch.rand(16, 2))\nr = d.log_prob(torch.zeros(5, 1))\n", "(5, 16)"),
    ("d = D.Categorical(torch.rand(16, 2))\nr = d.entropy()\n", "(16,)"),
    ("d = D.Categorical(torch.rand(16, 2))\nr = d.probs\n", "(16, 2)"),
    ("d = D.Normal(torch.rand(4, 1), torch.rand(3))\nr = d.sample([2])\n", "(2, 4, 3)"),
    ("d = D.Normal(torch.rand(4, 1), 1.0)\nr = d.rsample()\n", "(4, 1)"),
    ("d = D.Normal(torch.rand(4, 1), torch.rand(3))\nr = d.scale\n", "(4, 3)"),
    ("d = D.Normal(torch.rand(4, 1), 1.0)\nr = d.log_prob(torch.zeros(2, 1, 1))\n", "(2, 4, 1)"),
    ("d = D.Bernoulli(logits=torch.rand(8))\nr = d.sample()\n", "(8,)"),
    ("d = D.OneHotCategorical(torch.rand(5, 4))\nr = d.sample()\n", "(5, 4)"),
    ("d = D.OneHotCategorical(torch.rand(5, 4))\nr = d.log_prob(d.sample((2,)))\n", "(2, 5)"),
    ("d = D.Dirichlet(torch.rand(2, 3))\nr = d.mean\n", "(2, 3)"),
    ("d = D.MultivariateNormal(torch.rand(5, 3), torch.eye(3))\nr = d.sample()\n", "(5, 3)"),
    (
        "d = D.MultivariateNormal(torch.rand(5, 3), torch.eye(3))\nr = d.log_prob(d.sample())\n",
        "(5,)",
    ),
    (
        "d = D.MultivariateNormal(torch.rand(3), scale_tril=torch.rand(4, 3, 3))\n"
        "r = d.entropy()\n",
        "(4,)",
    ),
    ("d = D.Independent(D.Normal(torch.rand(4, 3), 1.0), 1)\nr = d.log_prob(d.sample())\n", "(4,)"),
    (
        "d = D.Independent(D.Normal(torch.rand(4, 3), 1.0), 1)\nr = torch.zeros(d.event_shape)\n",
        "(3,)",
    ),
    (
        "from torch.distributions.normal import Normal\nr = Normal(torch.rand(2), 1.0).sample()\n",
        "(2,)",
    ),
    (
        "p = D.Independent(D.Normal(torch.rand(4, 3), 1.0), 1)\n"
        "q = D.Independent(D.Normal(torch.zeros(4, 3), torch.ones(4, 3)), 1)\n"
        "r = D.kl_divergence(p, q)\n",
        "(4,)",
    ),
    (
        "from torch.distributions.kl import kl_divergence\n"
        "p, q = D.Categorical(torch.rand(6, 5)), D.Categorical(logits=torch.rand(6, 5))\n"
        "r = kl_divergence(p, q)\n",
        "(6,)",
    ),
    ("r = D.Normal(torch.rand(4, 1), 1.0).expand((2, 4, 3)).sample()\n", "(2, 4, 3)"),
    ("r = D.Categorical(torch.rand(4, 1, 5)).expand([4, 3]).probs\n", "(4, 3, 5)"),
    # not understood: unknown, never a guess
    ("r = D.kl_divergence(D.Normal(torch.rand(4, 1), 1.0), D.Normal(torch.rand(3), 1.0))\n", None),
    ("r = D.kl_divergence(D.Normal(torch.rand(3), 1.0), D.Laplace(torch.rand(3), 1.0))\n", None),
    ("r = D.Normal(torch.rand(4, 2), 1.0).expand((4, 3)).sample()\n", None),
    ("d = D.Normal(torch.rand(4), torch.rand(4))\nr = d.sample(5)\n", None),
    ("d = D.Normal(torch.rand(4), 1.0, validate_args=False)\nr = d.sample()\n", None),
    ("d = D.Categorical(torch.rand(4, 2), logits=torch.rand(4, 2))\nr = d.sample()\n", None),
    ("d = D.Categorical(torch.rand(()))\nr = d.sample()\n", None),
    ("d = D.MultivariateNormal(torch.rand(5, 3), torch.eye(4))\nr = d.sample()\n", None),
    ("d = D.Normal(torch.rand(4), torch.rand(4))\nr = d.log_prob(torch.zeros(3))\n", None),
    ("d = D.Normal(torch.rand(4), torch.rand(3))\nr = d.sample()\n", None),
]


@pytest.mark.parametrize(("body", "shape"), SHAPES)
def test_distribution_shapes(body: str, shape: str | None) -> None:
    assert infer(D + body) == shape


def test_categorical_draws_are_integers() -> None:
    source = (
        D
        + "table = torch.rand(10, 3)\nd = D.Categorical(torch.rand(4, 10))\nr = table[d.sample()]\n"
    )
    assert infer(source) == "(4, 3)"


CASES = [
    pytest.param(
        D + "d = D.Categorical(torch.softmax(torch.randn(16, 2), dim=1))\n"
        "log_prob = d.log_prob(d.sample())\n"
        "advantage = torch.randn(16, 1)\n"
        "loss = -(log_prob * advantage).mean()  # SHP002: 10\n",
        id="categorical-log-prob-times-column",
    ),
    pytest.param(
        D + "d = D.Categorical(torch.softmax(torch.randn(16, 2), dim=1))\n"
        "log_prob = d.log_prob(d.sample())\n"
        "advantage = torch.randn(16, 1)\n"
        "loss = -(log_prob * advantage.squeeze(1)).mean()\n",
        id="categorical-log-prob-times-column-fixed",
    ),
    pytest.param(
        D + "d = D.Normal(torch.randn(3, 1), torch.ones(3, 1))\n"
        "log_prob = d.log_prob(d.sample()).sum(-1)\n"
        "loss = -(log_prob * torch.randn(3, 1)).mean()  # SHP002: 10\n",
        id="normal-log-prob-summed-times-column",
    ),
    pytest.param(
        D + "d = D.Normal(torch.randn(3, 1), torch.ones(3, 1))\n"
        "log_prob = d.log_prob(d.sample()).sum(-1, keepdim=True)\n"
        "loss = -(log_prob * torch.randn(3, 1)).mean()\n",
        id="normal-log-prob-summed-times-column-fixed",
    ),
    pytest.param(
        D + "d = D.MultivariateNormal(torch.zeros(8, 3), torch.eye(3))\n"
        "z = d.rsample((2,))\n"
        "out = z @ torch.randn(8, 4)  # SHP001: 7\n",
        id="mvn-draw-into-a-matmul",
    ),
    pytest.param(
        D + "d = D.MultivariateNormal(torch.zeros(8, 3), torch.eye(3))\n"
        "z = d.rsample((2,))\n"
        "out = z @ torch.randn(3, 4)\n",
        id="mvn-draw-into-a-matmul-fixed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_distribution_findings(source: str) -> None:
    assert actual(source) == expected(source)
