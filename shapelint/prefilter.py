"""Byte-level prefilter: a file that imports no array library cannot yield a finding.

Runs on the raw text before any parse, so most non-ML files cost one regex scan.
"""

from __future__ import annotations

import re

ARRAY_LIBRARIES = ("numpy", "torch", "tensorflow", "keras", "tf_keras", "jax", "einops", "jaxtyping")

_LIBS = "(?:" + "|".join(ARRAY_LIBRARIES) + ")"
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+" + _LIBS + r"\b|import[ \t][^\n]*\b" + _LIBS + r"\b)"
    r"|#[ \t]*shape[ \t]*:",
    re.MULTILINE,
)


def may_hold_shapes(text: str) -> bool:
    """True unless the text provably holds nothing shapelint can analyse."""
    return _IMPORT.search(text) is not None
