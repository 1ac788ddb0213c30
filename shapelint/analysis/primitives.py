"""What Python values do on their own, with no interpreter state: truth, comparison,
indexing shapes and tuples, int arithmetic on dims, tensor attributes and methods, the
operator symbol tables.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import eq, ge, gt, le, lt, ne
from typing import Any

import libcst as cst

from shapelint.analysis import convert, frameworks, layers, ops, scalars
from shapelint.analysis.values import (
    SOME_FLOAT,
    UNKNOWN,
    AtIndexer,
    BoundMethod,
    ClassRef,
    Constant,
    DictValue,
    FunctionRef,
    Instance,
    IntValue,
    Layer,
    ListOf,
    ModuleRef,
    ShapeValue,
    SliceValue,
    Tensor,
    TupleValue,
    Value,
    derived_origin,
    exact_number,
    join_values,
    signature_of,
    with_origin,
)
from shapelint.shapes import family_rules, indexing
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError, join_dims

BINARY_SYMBOLS: dict[type, str] = {
    cst.Add: "+",
    cst.Subtract: "-",
    cst.Multiply: "*",
    cst.Divide: "/",
    cst.FloorDivide: "//",
    cst.Modulo: "%",
    cst.Power: "**",
    cst.MatrixMultiply: "@",
    cst.BitAnd: "&",
    cst.BitOr: "|",
    cst.BitXor: "^",
    cst.LeftShift: "<<",
    cst.RightShift: ">>",
}
COMPARE_SYMBOLS: dict[type, str] = {
    cst.LessThan: "<",
    cst.GreaterThan: ">",
    cst.LessThanEqual: "<=",
    cst.GreaterThanEqual: ">=",
    cst.Equal: "==",
    cst.NotEqual: "!=",
}


# objects that are truthy whatever they hold (a tensor's truth depends on its values)
_ALWAYS_TRUE = (Instance, Layer, ModuleRef, FunctionRef, ClassRef, BoundMethod)


def truth(value: Value) -> bool | None:
    """The truth of a value when it is known; a tensor's is never known."""
    if isinstance(value, Constant):
        if value.value is None or isinstance(value.value, (bool, str)):
            return bool(value.value)
        exact = exact_number(value)
        return bool(exact) if exact is not None else None
    if isinstance(value, IntValue):
        return bool(value.dim.value) if value.dim.value is not None else None
    if isinstance(value, (TupleValue, DictValue)):
        return bool(value.items)
    if isinstance(value, _ALWAYS_TRUE):
        return True
    return None


def compare(operator: cst.BaseCompOp, left: Value, right: Value) -> bool | None:
    """``is None`` and comparisons of known ints; None when it depends on what is unknown."""
    if isinstance(operator, (cst.Is, cst.IsNot)):
        left_none = is_none(left)
        right_none = is_none(right)
        if left_none is None or right_none is None or not (left_none or right_none):
            return None
        same = left_none == right_none
        return same if isinstance(operator, cst.Is) else not same
    if isinstance(operator, (cst.In, cst.NotIn)):
        inside = contains(right, left)
        return inside if inside is None or isinstance(operator, cst.In) else not inside
    if isinstance(operator, (cst.Equal, cst.NotEqual)) and _is_text(left) and _is_text(right):
        same_text = left == right
        return same_text if isinstance(operator, cst.Equal) else not same_text
    if isinstance(left, IntValue) and isinstance(right, IntValue):
        a, b = left.dim.value, right.dim.value
        if a is None or b is None:
            if isinstance(operator, (cst.Equal, cst.NotEqual)):
                equal = left.dim.equals(right.dim)
                if equal is not None:
                    return equal if isinstance(operator, cst.Equal) else not equal
            return None
        table = {
            cst.LessThan: a < b,
            cst.GreaterThan: a > b,
            cst.LessThanEqual: a <= b,
            cst.GreaterThanEqual: a >= b,
            cst.Equal: a == b,
            cst.NotEqual: a != b,
        }
        return table.get(type(operator))
    x, y = exact_number(left), exact_number(right)
    if x is None or y is None or type(operator) not in _ORDER:
        return None
    return _ORDER[type(operator)](x, y)


# how a comparison orders two numbers, one of them a float literal
_ORDER: dict[type, Callable[[float, float], bool]] = {
    cst.LessThan: lt,
    cst.GreaterThan: gt,
    cst.LessThanEqual: le,
    cst.GreaterThanEqual: ge,
    cst.Equal: eq,
    cst.NotEqual: ne,
}


def _is_text(value: Value) -> bool:
    return isinstance(value, Constant) and isinstance(value.value, str)


def contains(container: Value, item: Value) -> bool | None:
    """``item in container`` for a string among known strings, or a key of a known dict."""
    if not _is_text(item):
        return None
    if isinstance(container, DictValue):
        assert isinstance(item, Constant)
        return container.get(item.value) is not None
    if isinstance(container, TupleValue) and all(_is_text(v) for v in container.items):
        return item in container.items
    return None


def is_none(value: Value) -> bool | None:
    if isinstance(value, Constant):
        return value.value is None
    if isinstance(
        value,
        (
            Tensor,
            Instance,
            Layer,
            IntValue,
            TupleValue,
            ModuleRef,
            FunctionRef,
            ClassRef,
            ShapeValue,
        ),
    ):
        return False
    return None


def call_signature(
    key: int, positional: list[Value], keywords: dict[str, Value]
) -> tuple[Any, ...]:
    """What a call's result depends on: the callee and the arguments' shapes and facts."""
    return (
        key,
        tuple(signature_of(a) for a in positional),
        tuple(sorted((k, signature_of(v)) for k, v in keywords.items())),
    )


def apply_kind(call: ops.Call) -> Value:
    impl = ops.KINDS.get(call.spec.kind) or layers.FUNCTION_KINDS.get(call.spec.kind)
    if impl is None:
        return call.unknown()
    result = impl(call)
    if isinstance(result, Tensor) and result.origin is None:  # computed from its inputs
        return with_origin(result, derived_origin(*call.args.values(), *(call.varargs or ())))
    return result


def tensor_method(framework: str, name: str) -> frameworks.Op | None:
    """The method model; for a tensor of unknown framework only where the frameworks agree."""
    if framework in ("numpy", "torch", "tensorflow", "keras", "jax"):
        return frameworks.method_spec(framework, name)
    torch_spec = frameworks.method_spec("torch", name)
    numpy_spec = frameworks.method_spec("numpy", name)
    if torch_spec is not None and numpy_spec is not None:
        return torch_spec if torch_spec == numpy_spec else None
    return torch_spec or numpy_spec


def tensor_attribute(tensor: Tensor, name: str) -> Value:
    shape = tensor.shape
    if name == "shape":
        return ShapeValue(shape, tensor.lineage)
    if name == "ndim":
        return IntValue(Dim.of(shape.rank) if shape.rank is not None else UNKNOWN_DIM)
    if name == "size" and tensor.framework in ("numpy", "jax"):
        return IntValue(shape.numel())
    if name in ("T", "mT", "mH"):
        family = tensor.framework if tensor.framework in family_rules.FAMILIES else "numpy"
        rule = family_rules.rule("T" if name == "T" else "mT", family)
        try:
            return tensor.with_shape(rule(shape) if rule is not None else UNKNOWN_SHAPE)
        except ShapeError:
            return tensor.with_shape(UNKNOWN_SHAPE)
    if name in ("data", "grad", "real", "imag"):
        return tensor
    if name == "at" and tensor.framework == "jax":
        return AtIndexer(tensor)
    if tensor_method(tensor.framework, name) is not None:
        return BoundMethod(tensor, name)
    return UNKNOWN


def tensor_framework(*values: Value) -> str:
    """The framework of the first tensor among ``values``."""
    return next((v.framework for v in values if isinstance(v, Tensor)), "unknown")


def to_slice(key: SliceValue) -> object:
    bounds = [
        convert.as_int(v) if not convert.is_none(v) else None
        for v in (key.start, key.stop, key.step)
    ]
    for raw, bound in zip((key.start, key.stop, key.step), bounds):
        if bound is None and not convert.is_none(raw):
            return indexing.Slice.unknown()
    start, stop, step = bounds
    return indexing.Slice(start, stop, step)


def index_shape(shape: Shape, key: Value) -> Value:
    if isinstance(key, IntValue):
        index = key.dim.value
        return IntValue(shape[index]) if index is not None else IntValue(UNKNOWN_DIM)
    if isinstance(key, SliceValue):
        bounds = [
            convert.as_int(v) if not convert.is_none(v) else None
            for v in (key.start, key.stop, key.step)
        ]
        start, stop, step = bounds
        if any(
            b is None and not convert.is_none(raw)
            for b, raw in zip(bounds, (key.start, key.stop, key.step))
        ) or step not in (None, 1):
            return UNKNOWN
        if not shape.variadic:
            return ShapeValue(Shape(shape.dims[start:stop]))
        n = len(shape.dims)
        if start is None and stop is not None and stop < 0 and -stop <= n:
            return ShapeValue(Shape(shape.dims[:stop], True))
        if stop is None and start is not None and start < 0 and -start <= n:
            return ShapeValue(Shape(shape.dims[start:]))
    return UNKNOWN


def index_tuple(owner: TupleValue, key: Value) -> Value:
    if isinstance(key, IntValue) and key.dim.value is not None:
        index = key.dim.value
        if -len(owner.items) <= index < len(owner.items):
            return owner.items[index]
        return UNKNOWN
    if isinstance(key, SliceValue):
        bounds = [
            convert.as_int(v) if not convert.is_none(v) else None
            for v in (key.start, key.stop, key.step)
        ]
        if any(
            b is None and not convert.is_none(raw)
            for b, raw in zip(bounds, (key.start, key.stop, key.step))
        ):
            return UNKNOWN
        return TupleValue(owner.items[slice(*bounds)], owner.is_list)
    return UNKNOWN


def concat_shapes(left: TupleValue | ShapeValue, right: TupleValue | ShapeValue) -> Value:
    if isinstance(left, TupleValue) and isinstance(right, TupleValue):
        return TupleValue(left.items + right.items, left.is_list)
    lshape = left.shape if isinstance(left, ShapeValue) else convert.as_shape(left)
    rshape = right.shape if isinstance(right, ShapeValue) else convert.as_shape(right)
    if lshape is None or rshape is None or rshape.variadic:
        return UNKNOWN
    return ShapeValue(Shape(lshape.dims + rshape.dims, lshape.variadic))


def int_arithmetic(symbol: str, a: Dim, b: Dim) -> Value:
    if symbol == "+":
        return IntValue(a + b)
    if symbol == "-":
        return IntValue(a - b)
    if symbol == "*":
        return IntValue(a * b)
    if symbol == "//":
        return IntValue(a // b)
    if symbol == "%" and a.value is not None and b.value:
        return IntValue(Dim.of(a.value % b.value))
    if (
        symbol == "**"
        and a.value is not None
        and b.value is not None
        and 0 <= b.value <= 64
        and abs(a.value) < 2**31
    ):
        result = a.value**b.value
        return IntValue(Dim.of(result)) if abs(result) < 2**63 else IntValue(UNKNOWN_DIM)
    if symbol == "/":
        if a.value is not None and b.value is not None:
            return scalars.true_division(a.value, b.value)
        return SOME_FLOAT
    return IntValue(UNKNOWN_DIM)


def augmented_symbol(operator: cst.BaseAugOp) -> str:
    name = type(operator).__name__.removesuffix("Assign")
    for kind, symbol in BINARY_SYMBOLS.items():
        if kind.__name__ == name:
            return symbol
    return "?"


def iteration_value(value: Value) -> Value:
    """What a ``for`` loop binds when iterating over ``value``."""
    if isinstance(value, ListOf):
        return value.item
    if isinstance(value, TupleValue) and value.items:
        result = value.items[0]
        for item in value.items[1:]:
            result = join_values(result, item)
        return result
    if isinstance(value, ShapeValue):
        dims = value.shape.dims
        if value.shape.variadic or not dims:
            return IntValue(UNKNOWN_DIM)
        return IntValue(functools.reduce(join_dims, dims))
    if isinstance(value, Tensor):
        if value.shape.variadic or not value.shape.dims:
            return Tensor(UNKNOWN_SHAPE, value.framework)
        return value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)
    if isinstance(value, Layer) and value.kind in ("module_list", "sequential"):
        items = layers.sequence_layers(value) or layers.module_items(value)
        if items:
            return iteration_value(TupleValue(tuple(items)))
    return UNKNOWN
