"""The prefilter may say "may hold" wrongly, never "cannot hold" wrongly.

The oracle is CPython's own ``ast``: whenever a parsed program imports an array library,
the prefilter must have said "may hold".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shapelint.prefilter import ARRAY_LIBRARIES, may_hold_shapes

REPO = Path(__file__).resolve().parent.parent


def imports_array_library(source: str) -> bool:
    """Ground truth from the parse tree: an absolute import of an array library, anywhere."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in ARRAY_LIBRARIES for name in names):
            return True
    return False


MAY_HOLD = [
    "import numpy\n",
    "import numpy as np\n",
    "import os, numpy as np\n",
    "import os,numpy\n",
    "import os as o, sys, torch\n",
    "from torch import nn\n",
    "from torch.nn import functional as F\n",
    "import torch.nn.functional as F\n",
    "from jax import numpy as jnp\n",
    "import jax.numpy as jnp\n",
    "from einops import rearrange\n",
    "from jaxtyping import Float, Array\n",
    "import tensorflow as tf\n",
    "from tensorflow.keras import layers\n",
    "import keras\n",
    "from tf_keras import backend as K\n",
    "try:\n    import torch\nexcept ImportError:\n    torch = None\n",
    "if TYPE_CHECKING:\n    from numpy.typing import NDArray\n",
    "try: import numpy as np\nexcept ImportError: np = None\n",
    "if True: import torch\n",
    "x = 1; import numpy\n",
    "def f():\n    import numpy as np\n    return np.zeros(3)\n",
    "class A:\n    from torch import nn\n",
    "import os, \\\n    numpy as np\n",
    "from \\\n  torch import nn\n",
    "import\tnumpy\n",
    "from\ttorch import nn\n",
    "np = __import__('numpy')\n",
    'import importlib\ntorch = importlib.import_module("torch.nn")\n',
    "x = y  # shape: (B, T)\n",
    "def f(x):\n    assert x.shape == (3, 4)\n    return x @ x\n",
    "import numpy;\n",
    "\ufeffimport numpy\n",
    "import os\r\nimport torch\r\n",
]

CANNOT_HOLD = [
    "",
    "import os\nimport sys\n",
    "x = 1\nprint(x)\n",
    "import numpyish\n",
    "import mytorch\n",
    "from torchlike import nn\n",
    "import foo.numpy\n",
    "from .numpy import zeros\n",
    "from ..torch import nn\n",
    "from transformers import AutoModel\n",
    "def shape(x):\n    return x.shape\n",
]


@pytest.mark.parametrize("source", MAY_HOLD)
def test_array_imports_may_hold(source: str) -> None:
    assert may_hold_shapes(source) is True


@pytest.mark.parametrize("source", CANNOT_HOLD)
def test_code_without_array_imports_is_skipped(source: str) -> None:
    assert may_hold_shapes(source) is False


def test_oracle_agrees_on_the_listed_cases() -> None:
    """The two lists mean what they say: the parse tree confirms every import case."""
    for source in MAY_HOLD:
        if "import" in source and "__import__" not in source and "import_module" not in source:
            assert imports_array_library(source.lstrip("\ufeff")), source
    for source in CANNOT_HOLD:
        assert not imports_array_library(source), source


@pytest.mark.parametrize(
    "source",
    [
        '"""Works with numpy arrays."""\nx = 1\n',
        "# we used to import numpy here\n",
        "msg = 'from torch import nn'\n",
        "text = 'import os, numpy'\n",
    ],
)
def test_mentions_that_are_not_imports_may_hold_harmlessly(source: str) -> None:
    """A false "may hold" only costs a parse; these must simply never crash."""
    assert isinstance(may_hold_shapes(source), bool)
    assert not imports_array_library(source)


_OTHER_NAMES = ["os", "sys", "re", "a.b", "collections.abc", "notnumpy"]
_SUBMODULES = ["numpy.linalg", "torch.nn.functional", "jax.numpy"]
_NAMES = st.sampled_from([*_OTHER_NAMES, *ARRAY_LIBRARIES, *_SUBMODULES])
_ALIAS = st.sampled_from(["", " as np", " as F", "  as  x"])
_SEP = st.sampled_from([", ", ",", " , ", ", \\\n    "])


@st.composite
def _import_statement(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.tuples(_NAMES, _ALIAS), min_size=1, max_size=4))
    if draw(st.booleans()):
        module, _ = names[0]
        items = ", ".join(f"x{i}{alias}" for i, (_, alias) in enumerate(names))
        return f"from {module} import {items}"
    return "import " + draw(_SEP).join(name + alias for name, alias in names)


@st.composite
def _program(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for statement in draw(st.lists(_import_statement(), min_size=1, max_size=3)):
        wrapper = draw(st.sampled_from(["plain", "try", "if", "def", "semicolon", "oneline-if"]))
        if wrapper == "try":
            lines += ["try:", f"    {statement}", "except ImportError:", "    pass"]
        elif wrapper == "if":
            lines += ["if flag:", f"    {statement}"]
        elif wrapper == "def":
            lines += ["def f():", f"    {statement}", "    return 1"]
        elif wrapper == "semicolon":
            lines.append(f"y = 2; {statement}")
        elif wrapper == "oneline-if" and "\\" not in statement:
            lines.append(f"if flag: {statement}")
        else:
            lines.append(statement)
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(_program())
def test_never_a_false_cannot_hold(source: str) -> None:
    if imports_array_library(source):
        assert may_hold_shapes(source), source


def _python_files() -> list[Path]:
    roots = [REPO / "examples", REPO / "tests", REPO / "shapelint"]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*.py"))


def test_never_a_false_cannot_hold_on_real_files() -> None:
    """Every parseable file in the repository (bench/ecosystem.py checks the corpus too)."""
    checked = 0
    for path in _python_files():
        try:
            source = path.read_text(encoding="utf-8")
            truth = imports_array_library(source)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        checked += 1
        if truth:
            assert may_hold_shapes(source), path
    assert checked > 10
