"""A finding caused by the shapes of one call site names its call chain, and each distinct
failing call site gives its own finding (a second bad call is not hidden behind the first)."""

from __future__ import annotations

from shapelint.config import Config
from shapelint.engine import lint_source

NET = (
    "import torch\n"
    "import torch.nn as nn\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.fc = nn.Linear(10, 5)\n"
    "    def forward(self, x):\n"
    "        return self.fc(x)\n"
    "net = Net()\n"
)


def findings(source: str) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    diagnostics = lint_source(source, "net.py", Config(select=("SHP",)))
    return [
        (
            d.code,
            d.start.line,
            d.start.column,
            [(r.message, r.start.line, r.start.column) for r in d.related],
        )
        for d in diagnostics
    ]


def test_finding_names_the_call_site() -> None:
    source = NET + "a = net(torch.ones(4, 100))\n"
    assert findings(source) == [
        ("SHP001", 8, 16, [("called with (4, 100)", 10, 5)]),
    ]


def test_each_failing_call_site_gives_its_own_finding() -> None:
    source = (
        NET + "a = net(torch.ones(4, 100))\nb = net(torch.ones(4, 10))\nc = net(torch.ones(4, 7))\n"
    )
    assert findings(source) == [
        ("SHP001", 8, 16, [("called with (4, 100)", 10, 5)]),
        ("SHP001", 8, 16, [("called with (4, 7)", 12, 5)]),
    ]


def test_a_call_met_again_through_the_memo_names_its_own_site() -> None:
    source = NET + "a = net(torch.ones(4, 10))\nfor _ in range(2):\n    b = net(torch.ones(3, 7))\n"
    assert findings(source) == [("SHP001", 8, 16, [("called with (3, 7)", 12, 9)])]


def test_the_chain_lists_every_call_on_the_way() -> None:
    source = NET + "def run(batch):\n    return net(batch)\nout = run(torch.ones(2, 3))\n"
    assert findings(source) == [
        (
            "SHP001",
            8,
            16,
            [("called with (2, 3)", 12, 7), ("called with (2, 3)", 11, 12)],
        ),
    ]


def test_a_failure_that_does_not_depend_on_the_call_has_no_chain() -> None:
    source = (
        "import torch\n"
        "def f(x):\n"
        "    return torch.ones(2, 3) @ torch.ones(4, 5)\n"
        "a = f(torch.ones(1))\n"
        "b = f(torch.ones(2))\n"
    )
    assert findings(source) == [("SHP001", 3, 12, [])]
