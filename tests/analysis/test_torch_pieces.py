"""torch ``gather``, ``chunk`` and ``split`` (analysis/ops_torch, shapes/torch_rules): the
pieces' number and shapes when the size along ``dim`` is known, the index's shape for a
gather, and the shapes they carry into the rules."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TORCH, codes, infer

X = TORCH + "x = torch.randn(3, 5)\n"

CASES = [
    (X + "r, s = x.chunk(2, dim=-1)", "r", "(3, 3)"),
    (X + "r, s = x.chunk(2, dim=-1)", "s", "(3, 2)"),
    (X + "a, b, r = torch.chunk(x, 3, 1)", "r", "(3, 1)"),
    # 2 rows in 3 chunks: chunks of 1, so only 2 of them
    (X + "a, r = torch.chunk(torch.randn(2, 5), 3, 0)", "r", "(1, 5)"),
    (X + "a, r = x.split([2, 3], dim=1)", "r", "(3, 3)"),
    (X + "a, r = torch.split(x, 2)", "r", "(1, 5)"),
    (X + "a, r = x.split(4, 1)", "r", "(3, 1)"),
    # the size along dim unknown: as many pieces as names, the dim unknown
    ("import torch\ndef f(n):\n    global r\n    r, s = torch.randn(n, 4).chunk(2)\n", "r", None),
    (X + "r = x.gather(1, torch.zeros(3, 1, dtype=torch.long))", "r", "(3, 1)"),
    (X + "r = torch.gather(x, 0, torch.zeros(2, 5, dtype=torch.long))", "r", "(2, 5)"),
    (X + "r = x.gather(1, torch.zeros(3, 1, dtype=torch.long)).squeeze(-1)", "r", "(3,)"),
    # an index of unknown shape: nothing known
    (X + "def f(i):\n    return x.gather(1, i)\nr = f(torch.zeros(3, 2).long())", "r", "(3, 2)"),
]


@pytest.mark.parametrize(("source", "name", "shape"), CASES, ids=[str(i) for i in range(12)])
def test_inferred_shape(source: str, name: str, shape: str | None) -> None:
    assert infer(source, name) == shape


def test_pieces_of_an_unknown_size_keep_the_other_dims() -> None:
    source = TORCH + "def f(n):\n    a, b = torch.randn(n, 4).chunk(2)\n    return a\nr = f(6)\n"
    assert infer(source) == "(3, 4)"
    unknown = TORCH + "import sys\na, r = torch.randn(int(sys.argv[1]), 4).chunk(2)\n"
    assert infer(unknown) == "(?, 4)"


def test_gather_index_too_large_is_an_error_and_a_fitting_one_is_not() -> None:
    bad = X + "r = x.gather(1, torch.zeros(4, 1, dtype=torch.long))\n"
    good = X + "r = x.gather(1, torch.zeros(3, 9, dtype=torch.long))\n"
    rank = X + "r = x.gather(1, torch.zeros(3, dtype=torch.long))\n"
    empty = X + "r = x.gather(1, torch.zeros(0, dtype=torch.long))\n"
    assert codes(bad) == [("SHP001", 5)]
    assert codes(rank) == [("SHP001", 5)]
    assert codes(good) == []
    assert codes(empty) == []


def test_split_sizes_that_do_not_add_up_are_an_error() -> None:
    assert codes(X + "a, b = x.split([2, 2], dim=1)\n") == [("SHP001", 5)]
    assert codes(X + "a, b = x.split([2, 3], dim=1)\n") == []
    assert codes(X + "a = x.chunk(0)\n") == [("SHP001", 5)]


PPO = TORCH + (
    "states = torch.randn(8, 4)\n"
    "actions = torch.randint(0, 3, (8,))\n"
    "policy = nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax(dim=-1))\n"
    "log_probs = policy(states).gather(1, actions.unsqueeze(1)).squeeze(1)\n"
    "advantages = torch.randn(8, {width})\n"
    "surr = log_probs * advantages\n"
)


def test_gathered_log_probs_times_a_column_is_an_outer_product() -> None:
    assert codes(PPO.format(width="1")) == [("SHP002", 9)]
    assert (
        codes(
            PPO.format(width="1").replace(
                "advantages = torch.randn(8, 1)", "advantages = torch.randn(8)"
            )
        )
        == []
    )


ACTOR = TORCH + (
    "obs = torch.randn(5, 3)\n"
    "actor = nn.Linear(3, 4)\n"
    "loc, scale = actor(obs).chunk(2, dim=-1)\n"
    "target = torch.randn(5, {width})\n"
    "diff = (loc.sum(-1) - target) ** 2\n"
)


def test_chunked_module_output_keeps_its_shape() -> None:
    assert codes(ACTOR.format(width="1")) == [("SHP006", 8)]
    assert codes(ACTOR.format(width="1").replace("loc.sum(-1)", "loc.sum(-1, keepdim=True)")) == []
