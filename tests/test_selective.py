"""The selective parse never changes a finding: both modes compared finding by finding.

``engine.SELECTIVE`` switches between handing libcst only the statements that can yield a
finding and the whole file; line, column, code and message must agree on the examples, the
test fixtures, every code snippet the tests hold, and programs generated from pieces that
exercise each way statements share state (names, constants, chains, globals, raises).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint import engine
from shapelint.analysis.imports import ROOTS
from shapelint.config import Config
from shapelint.prefilter import ARRAY_LIBRARIES, may_hold_shapes
from shapelint.selective import select_source

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Config(time_budget=float("inf"))


def findings(text: str, selective: bool) -> list[tuple[int, int, int, int, str, str]]:
    saved = engine.SELECTIVE
    engine.SELECTIVE = selective
    try:
        found = engine.lint_source(text, "example.py", CONFIG)
    finally:
        engine.SELECTIVE = saved
    return [
        (d.start.line, d.start.column, d.end.line, d.end.column, d.code, d.message) for d in found
    ]


def assert_same(text: str) -> int:
    whole = findings(text, selective=False)
    assert findings(text, selective=True) == whole
    return len(whole)


def _files() -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*.py"))
    fixtures = sorted(p for p in (ROOT / "tests").rglob("*.py") if "fixtures" in p.parts)
    return examples + fixtures


def _snippets() -> Iterator[str]:
    """Every string constant in the tests that is a program shapelint would analyse."""
    for path in sorted((ROOT / "tests").rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = textwrap.dedent(node.value)
                if may_hold_shapes(text):
                    try:
                        ast.parse(text)
                    except (SyntaxError, ValueError):
                        continue
                    yield text


def test_examples_and_fixtures_give_the_same_findings() -> None:
    files = _files()
    assert len(files) >= 20
    compared = sum(assert_same(engine.decode(path.read_bytes())) for path in files)
    assert compared >= 50  # the examples hold findings: the comparison is not vacuous


def test_snippets_in_the_tests_give_the_same_findings() -> None:
    snippets = list(_snippets())
    assert len(snippets) >= 50
    assert sum(assert_same(text) for text in snippets) >= 10


def test_the_selection_drops_what_cannot_matter() -> None:
    text = textwrap.dedent(
        """\
        import logging
        import numpy as np
        from .utils import helper

        logger = logging.getLogger(__name__)
        SIZE = 3


        def describe(name):
            logger.info("hello %s", name)
            return helper(name).upper()


        a = np.ones((SIZE, 4))
        b = np.ones((3, 5))
        c = a @ b
        """
    )
    selected = select_source(text, ast.parse(text))
    assert selected is not None
    kept = [line for line in selected.splitlines() if line]
    assert kept == [
        "import numpy as np",
        "SIZE = 3",
        "a = np.ones((SIZE, 4))",
        "b = np.ones((3, 5))",
        "c = a @ b",
    ]
    assert selected.count("\n") == text.count("\n")  # every kept line at its own number
    [finding] = findings(text, selective=True)
    assert finding[:2] == (16, 5) and finding[4] == "SHP001"
    assert findings(text, selective=False) == [finding]


def test_nothing_to_parse_without_a_statement_that_can_yield_a_finding() -> None:
    text = "import numpy as np\nimport os\n\nprint(os.sep)\n"
    assert select_source(text, ast.parse(text)) is None
    assert findings(text, selective=True) == []


def test_everything_kept_returns_the_text_itself() -> None:
    text = "import numpy as np\na = np.ones((2, 3)) @ np.ones((4, 5))\n"
    assert select_source(text, ast.parse(text)) is text


def test_array_libraries_are_the_interpreters() -> None:
    assert set(ARRAY_LIBRARIES) == set(ROOTS)


@pytest.mark.parametrize(
    "text",
    [
        # a module-level raise ends the run: what follows must not be analysed in either mode
        "import numpy as np\nimport os\nif os.sep:\n    pass\nraise SystemExit\n"
        "c = np.ones((2, 3)) @ np.ones((4, 5))\n",
        # a list mutated by a statement that names no array library
        "import numpy as np\nDIMS = [3]\nDIMS.append(4)\nc = np.ones(DIMS) @ np.ones((5, 5))\n",
        # a global declared in a function that names no array library
        "import numpy as np\nA = 3\ndef reset():\n    global A\n    A = 9\n"
        "def use():\n    return np.ones((A, 2)) @ np.ones((4, 4))\n",
        # statements sharing a line are kept together; CR and CRLF line breaks
        "import os; import numpy as np\r\nx = 1; c = np.ones((2, 3)) @ np.ones((4, 5))\rz = 2\n",
        # a name shadowing a builtin is never treated as unknown
        "import numpy as np\nfrom .compat import len\n"
        "c = np.ones((len([1]), 3)) @ np.ones((4, 5))\n",
        # a shape comment seeds a statement with no array library in sight
        "def f(x):\n    y = x  # shape: (3, 4)\n    return y\nz = f(1)\n",
        "w = load()  # Shape: (2, 3)\nv = w.T\n",
        # a function defined under a top-level ``if`` or ``try``
        "import numpy as np\nif True:\n    def dims():\n        return (2, 3)\n"
        "c = np.ones(dims()) @ np.ones((4, 5))\n",
        "import numpy as np\ntry:\n    class Box:\n        def dims(self):\n"
        "            return (2, 3)\nexcept ImportError:\n    pass\n"
        "c = np.ones(Box().dims()) @ np.ones((4, 5))\n",
        # asserts declare tensors through each shape attribute, with no array code in sight
        "import numpy as np\ndef check(x):\n    assert x.ndimension() == 2\n"
        "    assert x.ndimension() == 3\n",
        "import numpy as np\ndef check(x):\n    assert x.ndim == 2\n    assert x.dim() == 3\n",
        "import numpy as np\ndef check(x):\n    b, t = x.shape\n    assert x.size() == (2, 3, 4)\n",
        # an assert or a named read teaches a name its shape: a later rebinding is kept
        "import numpy as np\nx = f()\nassert x.shape == ()\nx = g()\nassert x.shape == (3, 4)\n",
        "import numpy as np\nx = f()\nb, t = x.shape\nx = g()\nc = x.reshape(b, t, 2)\n",
    ],
)
def test_cases_where_statements_share_state(text: str) -> None:
    assert_same(text)


PIECES = (
    "import numpy as np",
    "import torch",
    "from torch import nn",
    "import os",
    "import logging",
    "from .utils import helper",
    "from typing import Tuple",
    "N = 3",
    "N = 4",
    "M = (2, 3)",
    "N += 2",
    "del N",
    "NAME = 'x'",
    "logger = logging.getLogger(__name__)",
    "P = os.path.join('a', 'b')",
    "a = np.ones((N, 4))",
    "b = np.ones((3, 5))",
    "c = a @ b",
    "x = torch.randn(M)",
    "y = x.view(5, 5)",
    "items = []",
    "items.append(a)",
    "q = items[0] @ b",
    "def f(v):\n    return v @ np.ones((7, 2))",
    "def g():\n    return f(a)",
    "def h(n):\n    return n + N",
    "def k():\n    logger.info(P)\n    return helper(NAME)",
    "def setg():\n    global a\n    a = 5",
    "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.fc = nn.Linear(4, 8)\n\n    def forward(self, t):\n        return self.fc(t)",
    "out = Net()(torch.randn(2, 5))",
    "z = helper(a)",
    "r = h(N) @ b",
    "if N > 2:\n    raise ValueError('x')",
    "assert a.shape == (3, 4)",
    "w = unknown_thing  # shape: (3, 4)",
    "v = w @ np.ones((5, 5))",
    "for i in range(N):\n    a = a @ np.ones((4, 4))",
    "try:\n    import jax.numpy as jnp\nexcept ImportError:\n    jnp = None",
    "e = jnp.ones((2, 2)) @ jnp.ones((3, 3))",
    "lst = [j for j in range(N)]",
    "(t := np.ones((2, 2)))",
    "u = t @ np.ones((3, 1))",
    "x1, y1 = 3, 4",
    "s = np.ones((x1, y1)) + np.ones((y1, x1))",
    "@helper\ndef decorated():\n    return np.ones((2, 3)) @ np.ones((2, 3))",
    "class Plain:\n    size = 3\n\n    def grow(self):\n        return self.size * 2",
    "pl = Plain().grow()",
    "arr = np.zeros((pl, 2)) @ np.zeros((3, 3))",
    "print('done')",
    "if True:\n    def dims():\n        return (2, 3)",
    "try:\n    class Box:\n        width = 4\nexcept ImportError:\n    Box = None",
    "d = np.ones(dims()) @ np.ones((Box.width, 2))",
    "x2 = 1; y2 = np.ones((2, 2)) @ np.ones((3, 3))",
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_generated_programs_give_the_same_findings(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    try:
        ast.parse(text)
    except SyntaxError:
        return  # a piece out of place (``del`` of an unbound name is still valid syntax)
    assert_same(text)
