"""What a rule needs to offer a fix: the spelling each framework accepts, and the numeric
core's word on the fixed expression's shape.

A fix is offered only when the core proves the fixed expression has the shape the code
expects; a framework missing from a table gets no fix (``tf.Tensor`` has no ``.T``, for
instance), never a guessed one.
"""

from __future__ import annotations

from typing import Any

from shapelint.shapes import algebra
from shapelint.shapes.shape import Dim, Shape, ShapeError

TRANSPOSE = {"numpy": ".T", "torch": ".T", "jax": ".T"}  # of a matrix
SQUEEZE_LAST = {"numpy": ".squeeze(-1)", "torch": ".squeeze(-1)", "jax": ".squeeze(-1)"}
# where a tensor has no ``.squeeze`` method, the other operand gets a trailing axis instead
NEW_LAST_AXIS = {"tensorflow": "[..., None]"}


def operand_name(node: Any, operand: int, fallback: str) -> str:
    """How a fix's message names an operand of ``node``: by the code written there, which
    is what the edit changes (inside a function called from elsewhere, the parameter, not
    the caller's variable the tensor was first bound to); ``fallback`` when the node has no
    such operand."""
    from shapelint.analysis.display import one_line
    from shapelint.fixes import operand_code

    code = operand_code(node, operand)
    return f"`{one_line(code)}`" if code else fallback


def product(a: Shape, b: Shape) -> Shape | None:
    """``a @ b``'s shape, or None when the product cannot be formed."""
    try:
        return algebra.matmul(a, b)
    except ShapeError:
        return None


def broadcast(a: Shape, b: Shape) -> Shape | None:
    try:
        return algebra.broadcast(a, b)
    except ShapeError:
        return None


def transposed(shape: Shape) -> Shape | None:
    """A matrix's transpose; None unless the shape is a known rank-2 one."""
    if shape.rank != 2:
        return None
    return Shape((shape.dims[1], shape.dims[0]))


def proven_equal(a: Shape | None, b: Shape | None) -> bool:
    return a is not None and b is not None and a.equals(b) is True


def with_last_one(shape: Shape) -> Shape | None:
    """The shape with a trailing 1 (``x[..., None]``); None for an unknown rank."""
    if shape.rank is None:
        return None
    return Shape((*shape.dims, Dim.of(1)))


def without_last(shape: Shape) -> Shape | None:
    """The shape with its last dim dropped, when that dim is provably 1."""
    if shape.rank is None or shape.rank == 0 or shape.dims[-1].is_one() is not True:
        return None
    return Shape(shape.dims[:-1])
