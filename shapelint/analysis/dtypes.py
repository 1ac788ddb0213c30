"""Element kinds of tensors, followed only as far as indexing needs them.

Why: ``a[idx]`` means two different things by the index's dtype. An integer array gathers
(the result takes the index's whole shape), a boolean mask selects (its dims collapse into
one of unknown length). Without the kind, a gather by a 2-D index array loses the shape.
A kind is ``"int"``, ``"uint8"`` (kept apart because torch indexes with it as with a mask),
``"bool"``, ``"float"`` or None (unknown); only a call that says what
it makes (``dtype=``, ``.long()``, ``argmax``, a comparison, a literal of ints) sets one, and
anything not listed here forgets it, so an unknown kind never poses as a known one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from shapelint.analysis.values import (
    Constant,
    IntValue,
    ListOf,
    ModuleRef,
    Tensor,
    TupleValue,
    Value,
)

INT = "int"
UINT8 = "uint8"
BOOL = "bool"
FLOAT = "float"

_KIND_NAMES = (
    (UINT8, re.compile(r"uint8|ubyte|torch\.byte")),
    (INT, re.compile(r"(u?int(8|16|32|64|p|c|_)?|long|short|byte|qint8|quint8)")),
    (BOOL, re.compile(r"bool_?|bool8")),
    (FLOAT, re.compile(r"(float|complex)(8|16|32|64|128|_)?|double|half|bfloat16|cfloat")),
)

# functions and methods whose result is integral whatever their input is
_INTEGRAL_RESULTS = frozenset(
    {
        "argmax",
        "argmin",
        "argsort",
        "argwhere",
        "nonzero",
        "searchsorted",
        "digitize",
        "bincount",
        "randint",
        "integers",
        "randperm",
        "multinomial",
    }
)
# methods that cast to one kind
_CASTS = {
    "long": INT,
    "int": INT,
    "short": INT,
    "byte": UINT8,
    "bool": BOOL,
    "float": FLOAT,
    "double": FLOAT,
    "half": FLOAT,
    "bfloat16": FLOAT,
}
# methods whose argument is the new dtype
_CAST_TO = frozenset({"astype", "type", "to"})
# op kinds whose result has the elements of their first tensor argument, rearranged
_KEEPS_KIND = frozenset(
    {
        "reshape",
        "triangle",
        "permute",
        "squeeze",
        "expand",
        "expand_dims",
        "flatten",
        "swapaxes",
        "moveaxis",
        "matrix_transpose",
        "torch_t",
        "repeat",
        "broadcast_to",
        "reverse",
        "atleast_2d",
        "like",
        "permutation",
    }
)


def kind_of_dtype(value: Value | None) -> str | None:
    """The kind a ``dtype`` argument names (``np.int64``, ``torch.long``, ``int``,
    ``"int32"``, ``bool``), or None when it is not read."""
    if isinstance(value, ModuleRef):
        name = value.qualname.rsplit(".", 1)[-1]
        if value.qualname == "torch.byte":
            name = value.qualname
    elif isinstance(value, Constant) and isinstance(value.value, str):
        name = value.value
    else:
        return None
    for kind, pattern in _KIND_NAMES:
        if pattern.fullmatch(name):
            return kind
    return None


def literal_kind(value: Value) -> str | None:
    """``int`` for a (nested) list of Python ints, ``bool`` for one of bools; a list of
    tensors (a comprehension's too) has their kind when they all have the same known one."""
    leaves = _leaves(value)
    if not leaves:
        return None
    if all(isinstance(leaf, Tensor) for leaf in leaves):
        kinds = {leaf.dtype for leaf in leaves if isinstance(leaf, Tensor)}
        return kinds.pop() if len(kinds) == 1 else None
    if all(isinstance(leaf, IntValue) for leaf in leaves):
        return INT
    if all(isinstance(leaf, Constant) and isinstance(leaf.value, bool) for leaf in leaves):
        return BOOL
    return None


def _leaves(value: Value) -> list[Value]:
    if isinstance(value, TupleValue):
        return [leaf for item in value.items for leaf in _leaves(item)]
    if isinstance(value, ListOf):
        return _leaves(value.item)
    return [value]


def result_kind(
    name: str,
    op_kind: str,
    positional: Sequence[Value],
    keywords: dict[str, Value],
    receiver: Tensor | None = None,
) -> str | None:
    """The element kind of what the call ``name(...)`` (of op kind ``op_kind``; a method
    when ``receiver`` is given) returns, or None."""
    if "dtype" in keywords:
        return kind_of_dtype(keywords["dtype"])
    if receiver is not None:
        if name in _CASTS and not positional:
            return _CASTS[name]
        if name in _CAST_TO:  # ``dtype=`` was read above
            return kind_of_dtype(positional[0]) if positional else None
    if name in _INTEGRAL_RESULTS:
        return INT
    if op_kind == "permutation" and positional and isinstance(positional[0], IntValue):
        return INT  # a shuffled arange(n)
    if op_kind == "arange":
        numbers = [v for v in positional if not isinstance(v, Tensor)]
        return INT if numbers and all(isinstance(v, IntValue) for v in numbers) else None
    if op_kind in ("array", "tensor_ctor") and positional:
        return literal_kind(positional[0])
    if op_kind in _KEEPS_KIND:
        source = receiver or next((v for v in positional if isinstance(v, Tensor)), None)
        return source.dtype if source is not None else None
    return None


def index_kind(kind: str | None, framework: str) -> str | None:
    """How an index of element ``kind`` indexes an array of ``framework``: ``"gather"``,
    ``"mask"`` or None when not known."""
    if kind == INT or (kind == UINT8 and framework in ("numpy", "jax")):
        return "gather"
    if kind == BOOL or (kind == UINT8 and framework == "torch"):
        return "mask"
    return None


def with_kind(value: Value, kind: str | None) -> Value:
    """``value`` carrying ``kind`` when it is a tensor."""
    if isinstance(value, Tensor) and value.dtype != kind:
        return replace(value, dtype=kind)
    return value
