"""The contract between the interpreter and the rules: a closed set of frozen records.

The interpreter emits an event whenever something a rule may care about happens (an op
that cannot fit, an elementwise op, a matrix product, a declaration that disagrees). Rules
never see syntax beyond the node they point at, and the interpreter knows no rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapelint.analysis.values import Tensor
from shapelint.shapes.shape import Shape


@dataclass(frozen=True, slots=True)
class OpFailed:
    """An op whose operands can never fit: the call would raise."""

    node: Any
    op: str
    reason: str
    operands: tuple[Shape, ...]
    judge: tuple[str, tuple[Any, ...]] | None = None  # NumPy op name and arguments, to confirm


@dataclass(frozen=True, slots=True)
class Elementwise:
    """A broadcasting binary op: ``*``, ``+``, ``multiply``, ``add`` ...

    ``result`` is None when the operands cannot broadcast (an ``OpFailed`` is reported too):
    a rule can still ask what was meant. ``paired`` says the operands are a prediction and
    its target, compared element by element (torch's ``mse_loss``): the two are meant to
    have one shape, so a broadcast of both is never meant, whatever the ops that made their
    axes showed."""

    node: Any
    op: str  # "*", "+", "-", "/", "**", "<", ... or the function name ("multiply")
    left: Tensor
    right: Tensor
    result: Shape | None
    multiply: bool
    paired: bool = False


@dataclass(frozen=True, slots=True)
class MatrixProduct:
    """``@``, ``matmul``, ``mm``, ``bmm``, ``dot``, ``tensordot``, ``einsum``-free products."""

    node: Any
    op: str  # canonical name, e.g. "keras.backend.dot", "numpy.dot", "@"
    left: Tensor
    right: Tensor
    result: Shape | None


@dataclass(frozen=True, slots=True)
class DeclarationMismatch:
    node: Any
    name: str
    declared: Shape
    inferred: Shape
    source: str  # "annotation", "comment", "assert", "return annotation"


@dataclass(frozen=True, slots=True)
class AssertionFails:
    """An ``assert`` on dims whose known sizes make it false: it would raise."""

    node: Any
    test: str  # the condition as written
    known: str  # the sizes it read, ``h = 5``


@dataclass(frozen=True, slots=True)
class InvalidAnnotation:
    node: Any
    text: str
    reason: str


Event = (
    OpFailed
    | Elementwise
    | MatrixProduct
    | DeclarationMismatch
    | AssertionFails
    | InvalidAnnotation
)
