"""The vocabulary of the framework tables.

A table maps an API name to a spec: which generic op implementation (``kind``) models it,
the role each positional parameter plays, and fixed options (``opts``). The tables are data;
the kinds are implemented once in ``analysis/ops.py`` and ``analysis/layers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Keyword names that mean the same role in every framework.
ROLE_ALIASES: dict[str, str] = {
    "input": "x",
    "a": "x",
    "x1": "x",
    "tensor": "x",
    "input_tensor": "x",
    "arr": "x",
    "ary": "x",
    "self": "x",
    "other": "y",
    "b": "y",
    "x2": "y",
    "mat2": "y",
    "vec": "y",
    "dim": "axis",
    "axes": "axis",
    "keepdim": "keepdims",
    "keep_dims": "keepdims",
    "newshape": "shape",
    "size": "shape",
    "dims": "shape",
    "tensors": "seq",
    "values": "seq",
    "arrays": "seq",
}


@dataclass(frozen=True)
class Op:
    """A function or method: ``kind`` names its implementation, ``params`` the roles of the
    positional arguments (a method's receiver is the first one)."""

    kind: str
    params: tuple[str, ...] = ("x",)
    opts: dict[str, Any] = field(default_factory=dict)
    varargs: str | None = None  # role that collects extra positional args (torch ``view(2, 3)``)
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LayerSpec:
    """A layer class: ``kind`` names its shape rule, ``params`` its constructor arguments."""

    kind: str
    params: tuple[str, ...] = ()
    opts: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)


def op(
    kind: str,
    *params: str,
    varargs: str | None = None,
    aliases: dict[str, str] | None = None,
    **opts: Any,
) -> Op:
    default = () if varargs else ("x",)
    return Op(kind, params or default, opts, varargs, aliases or {})


def layer(kind: str, *params: str, aliases: dict[str, str] | None = None, **opts: Any) -> LayerSpec:
    return LayerSpec(kind, params, opts, aliases or {})
