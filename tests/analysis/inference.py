"""Shared by the inference tests: run a snippet through the interpreter and read the shape
bound to a name at the end of the module ("(…)" means unknown, which is also a claim: the
analysis must not invent a shape; None means the name holds no tensor or int)."""

from __future__ import annotations

import libcst

from shapelint.analysis.interpreter import Interpreter
from shapelint.analysis.values import IntValue, ShapedObject, Tensor
from shapelint.config import Config
from shapelint.engine import lint_source

TORCH = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"
NP = "import numpy as np\n"
TF = "import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"
K = "from tensorflow.keras import backend as K\n"
JNP = "import jax.numpy as jnp\n"


def infer(source: str, name: str = "r") -> str | None:
    interpreter = Interpreter(libcst.parse_module(source))
    interpreter.run()
    value = interpreter.scopes[0].get(name)
    if isinstance(value, (Tensor, ShapedObject)):
        return str(value.shape)
    if isinstance(value, IntValue):
        return str(value.dim)
    return None


def codes(source: str) -> list[tuple[str, int]]:
    """The findings of a snippet, as (code, line)."""
    return [(d.code, d.start.line) for d in lint_source(source, "t.py", Config(select=("SHP",)))]
