"""Text-level prefilter: a file that imports no array library cannot yield a finding.

Runs on the raw text before any parse, so a file without array code costs a few regex scans
instead of a libcst parse. The answer is one-sided on purpose: "may hold" is allowed to be
wrong (a docstring that says ``import numpy`` only costs a parse), "cannot hold" never is.
So the patterns accept every way Python can spell such an import: after ``;`` or ``:`` on one
line, inside ``try``/``if`` blocks, with backslash continuations, in comma lists, with
aliases, as ``__import__``/``import_module`` calls. The other sources of shapes that need no
import are kept too: ``# shape:`` comments and ``assert x.shape == ...`` declarations.
"""

from __future__ import annotations

import re

ARRAY_LIBRARIES = (
    "numpy", "torch", "tensorflow", "keras", "tf_keras", "jax", "einops", "jaxtyping",
    "flax", "equinox",
)  # fmt: skip

_LIB = r"(?<![\w.])(?:" + "|".join(ARRAY_LIBRARIES) + r")\b"
_GAP = r"(?:[ \t\f]|\\\r?\n)"  # whitespace inside one logical line, continuations included
IMPORTS = (
    # from numpy import x / from torch.nn import functional
    rf"\bfrom{_GAP}+{_LIB}",
    # import os, numpy as np / import torch.nn.functional as F
    rf"\bimport{_GAP}(?:[\w. \t\f,]|\\\r?\n)*?{_LIB}",
    # __import__("numpy") / importlib.import_module('torch.nn')
    rf"\b(?:__import__|import_module)\(\s*[rbuRBU]?['\"]{_LIB}",
)
# a ``# shape:`` comment, spelled as shapes.annotation accepts it (any case)
SHAPE_COMMENT = r"#[ \t\f\v]*(?i:shape)[ \t\f\v]*:"
_MAY_HOLD = re.compile(
    "|".join(
        (
            *IMPORTS,
            # declarations that seed shapes without any import
            SHAPE_COMMENT,
            r"\bassert\b[^\n]*\.shape\b",
        )
    )
)


def may_hold_shapes(text: str) -> bool:
    """False only when the text provably holds nothing shapelint can analyse."""
    return _MAY_HOLD.search(text) is not None
