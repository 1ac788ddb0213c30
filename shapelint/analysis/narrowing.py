"""Type facts: ``isinstance(x, T)`` and ``issparse(x)`` in a branch condition split the kinds,
and an annotation such as ``x: np.ndarray`` makes a parameter of unknown value an array.

Why: a fact the analysis holds about a value can be contradicted by a guard (a parameter's
default 100 is an int, yet the branch under ``not isinstance(alphas, Integral)`` runs with a
list), and a value of unknown kind becomes an array only where a test or an annotation
proves it. Each branch gets the value its test allows there: a fact the test contradicts is
forgotten (that branch runs with other values than the ones analysed), and an array type
proven by the test gives an array of that library. No branch is skipped on these grounds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    IntValue,
    ModuleRef,
    ShapedObject,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE

SPARSE = "scipy.sparse"  # the kind ``issparse(x)`` tests
_SPARSE_TESTS = frozenset(
    {"scipy.sparse.issparse", "scipy.sparse.isspmatrix", "scipy.sparse.isspmatrix_csr",
     "scipy.sparse.isspmatrix_csc", "scipy.sparse.isspmatrix_coo"}
)  # fmt: skip
# the array types whose instances are arrays of one modelled library
ARRAY_TYPES = {
    "torch.Tensor": "torch",
    "numpy.ndarray": "numpy",
    "jax.Array": "jax",
    "jax.numpy.ndarray": "jax",
    "jaxtyping.Array": "jax",
    "tensorflow.Tensor": "tensorflow",
}
_BUILTIN_TYPES = frozenset({"int", "float", "str", "bool", "tuple", "list", "dict"})
_INTEGRAL = frozenset({"builtins.int", "numbers.Integral"})
_REAL = frozenset({"numbers.Real", "numbers.Number", "numbers.Complex", "numbers.Rational"})

Evaluate = Callable[[cst.BaseExpression], Value]


@dataclass(frozen=True)
class KindTest:
    """``isinstance(target, types)`` (or a sparse test); ``negated`` under ``not``."""

    target: cst.Name | cst.Attribute
    types: tuple[str, ...]
    negated: bool = False


def kind_test(evaluate: Evaluate, test: cst.BaseExpression) -> KindTest | None:
    """The type test a condition is, when it is one."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = kind_test(evaluate, test.expression)
        return KindTest(inner.target, inner.types, not inner.negated) if inner else None
    if not isinstance(test, cst.Call) or not test.args or test.args[0].star:
        return None
    target = test.args[0].value
    if not isinstance(target, (cst.Name, cst.Attribute)):
        return None
    callee = evaluate(test.func)
    if not isinstance(callee, ModuleRef):
        return None
    if callee.qualname in _SPARSE_TESTS and len(test.args) == 1:
        return KindTest(target, (SPARSE,))
    if callee.qualname == "builtins.isinstance" and len(test.args) == 2:
        types = _type_names(evaluate, test.args[1].value)
        return KindTest(target, types) if types else None
    return None


def instance_check(evaluate: Evaluate, value: Value, types: cst.BaseExpression) -> Value:
    """``isinstance(value, types)`` as a value: a bool when the kinds known decide it."""
    names = _type_names(evaluate, types)
    verdict = _matches(value, names) if names else None
    return UNKNOWN if verdict is None else Constant(verdict)


def _type_items(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The types ``(T1, T2)`` or ``T1 | T2`` names, nested ones flattened."""
    if isinstance(node, cst.Tuple):
        return [item for e in node.elements for item in _type_items(e.value)]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        return [*_type_items(node.left), *_type_items(node.right)]
    return [node]


def _type_names(evaluate: Evaluate, node: cst.BaseExpression) -> tuple[str, ...]:
    """Canonical names of the types in ``T``, ``(T1, T2)`` or ``T1 | T2``; empty when one is
    unknown."""
    items = _type_items(node)
    names: list[str] = []
    for item in items:
        value = evaluate(item)
        if isinstance(value, ModuleRef):
            names.append(value.qualname)
        elif isinstance(item, cst.Name) and item.value in _BUILTIN_TYPES and value is UNKNOWN:
            names.append(f"builtins.{item.value}")
        else:
            return ()
    return tuple(names)


def narrowed(value: Value, test: KindTest, branch: bool) -> Value:
    """The value in the branch where the condition is ``branch``."""
    holds = branch != test.negated  # whether the value is one of the types there
    verdict = _matches(value, test.types)
    if verdict is not None and verdict != holds:
        return UNKNOWN  # the branch contradicts what was known: it runs with other values
    if holds and verdict is None and (value is UNKNOWN or isinstance(value, ShapedObject)):
        libraries = {ARRAY_TYPES.get(name) for name in test.types}
        library = libraries.pop() if len(libraries) == 1 else None
        if library is not None:
            shape = value.shape if isinstance(value, ShapedObject) else UNKNOWN_SHAPE
            return Tensor(shape, library)
    return value


def typed_array(annotated: Value, value: Value) -> Value:
    """``x: np.ndarray``: a parameter of unknown value (or only a known shape) is an array of
    that library; a value already known is kept."""
    if value is not UNKNOWN and not isinstance(value, ShapedObject):
        return value
    library = ARRAY_TYPES.get(annotated.qualname) if isinstance(annotated, ModuleRef) else None
    if library is None:
        return value
    return Tensor(value.shape if isinstance(value, ShapedObject) else UNKNOWN_SHAPE, library)


def _matches(value: Value, types: tuple[str, ...]) -> bool | None:
    """Whether ``value`` is an instance of one of ``types``: None when it cannot be told."""
    verdicts = [_is_instance(value, name) for name in types]
    if any(v is True for v in verdicts):
        return True
    if all(v is False for v in verdicts):
        return False
    return None


def _is_instance(value: Value, name: str) -> bool | None:
    if isinstance(value, IntValue):
        return True if name in _INTEGRAL or name in _REAL else _known_other(name)
    if isinstance(value, Constant):
        return _constant_is_instance(value.value, name)
    if isinstance(value, TupleValue):
        own = "builtins.list" if value.is_list else "builtins.tuple"
        return True if name == own else _known_other(name)
    if isinstance(value, Tensor):
        return _tensor_is_instance(value, name)
    return None


def _constant_is_instance(literal: object, name: str) -> bool | None:
    if isinstance(literal, bool):
        numeric = name in _INTEGRAL or name in _REAL or name == "builtins.bool"
        return True if numeric else _known_other(name)
    if isinstance(literal, float):
        return True if name == "builtins.float" or name in _REAL else _known_other(name)
    if isinstance(literal, str):
        return True if name == "builtins.str" else _known_other(name)
    if literal is None:
        return _known_other(name)
    return None


def _known_other(name: str) -> bool | None:
    """False for the types this module knows (the value is of another one), else None."""
    known = name in _INTEGRAL or name in _REAL or name in ARRAY_TYPES or name == SPARSE
    return False if known or name.startswith("builtins.") else None


def _tensor_is_instance(tensor: Tensor, name: str) -> bool | None:
    if name == SPARSE:
        return False  # an array of a modelled library is never a sparse matrix
    if name not in ARRAY_TYPES and not name.startswith("builtins."):
        return None
    if tensor.framework == "torch":
        return name == "torch.Tensor"
    if tensor.framework == "numpy" and tensor.shape.rank not in (None, 0):
        # a NumPy result of rank 0 may be a NumPy scalar (np.float64 is a float)
        return name == "numpy.ndarray"
    return None
