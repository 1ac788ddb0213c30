"""Plain Python values beside the tensors: numbers, strings, dict keys, ``math``, the
draws of the standard ``random`` module.

A float literal keeps its value (so ``if U == 0.:`` decides a branch); what float arithmetic
makes is "some float" (``SOME_FLOAT``), so that a tensor scaled by ``d ** -0.5`` keeps its
shape, and it decides no comparison. When it is computed from known numbers (arithmetic, and
``math``'s and NumPy's elementwise functions of one number: ``np.log2(48)`` is a
``np.float64``, a Python float) it is a ``ComputedFloat``, which keeps its value for the
sizes made from it, so ``int(np.log2(size) - np.log2(minres))`` is followed. IEEE 754
rounds ``+ - * /`` and ``sqrt`` correctly, the same everywhere; the libm behind ``log2`` or
``**`` may round the last bit differently from the user's, so ``int()`` (and
``math.floor``/``ceil``/``trunc``) of a float made with one, within rounding of an integer,
is left unknown.
An int stays an ``IntValue`` (possibly symbolic), so dims computed from ints are followed
exactly.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any, Final

from shapelint.analysis.values import (
    SOME_FLOAT,
    UNKNOWN,
    ComputedFloat,
    Constant,
    IntValue,
    Tensor,
    Value,
    exact_number,
)
from shapelint.shapes.shape import UNKNOWN_DIM, Dim

ARITHMETIC = frozenset({"+", "-", "*", "/", "//", "%", "**"})
NO_KEY: Final = object()

DICT_METHODS = frozenset({"get", "items", "keys", "values", "copy", "update", "pop", "setdefault"})
# Python floats: ``math``'s constants, and NumPy's, jax.numpy's and torch's (plain floats too)
MATH_CONSTANTS = frozenset(
    {"math.pi", "math.e", "math.tau", "math.inf", "math.nan"}
    | {f"{m}.{c}" for m in ("numpy", "jax.numpy", "torch") for c in ("pi", "e", "inf", "nan")}
)
# library functions that return a Python float (the fuzz factor of Keras)
FLOAT_FUNCTIONS = frozenset({"keras.backend.epsilon", "keras.config.epsilon"})
# math functions that return a float whatever they are given
_MATH_FLOATS = frozenset(
    "sqrt exp log log2 log10 log1p expm1 sin cos tan asin acos atan atan2 sinh cosh tanh "
    "asinh acosh atanh pow hypot fabs erf erfc gamma lgamma radians degrees fmod copysign "
    "fsum cbrt exp2 dist".split()
)
# math functions that return an int, and how to compute it from known ints
_MATH_INTS: dict[str, Any] = {
    "ceil": lambda x: x,
    "floor": lambda x: x,
    "trunc": lambda x: x,
    "isqrt": math.isqrt,
    "gcd": math.gcd,
    "lcm": math.lcm,
    "factorial": math.factorial,
    "comb": math.comb,
    "perm": math.perm,
}

# functions of one number computed at lint time, by their ``math`` and NumPy names
_EXACT: dict[str, Callable[[float], float]] = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "log2": math.log2,
    "log10": math.log10,
    "log1p": math.log1p,
    "expm1": math.expm1,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
}
# a float this close to an integer (relatively) may be on either side of it elsewhere
_ROUNDING = 1e-9

# the standard ``random`` module's draws of one int, and of one float
_RANDOM_INTS = frozenset({"randint", "randrange", "getrandbits"})
_RANDOM_FLOATS = frozenset(
    "random uniform triangular gauss normalvariate lognormvariate expovariate vonmisesvariate "
    "gammavariate betavariate paretovariate weibullvariate".split()
)


def is_float(value: Value) -> bool:
    return isinstance(value, Constant) and isinstance(value.value, float)


def is_number(value: Value) -> bool:
    return isinstance(value, IntValue) or is_float(value)


def number_arithmetic(symbol: str, left: Value, right: Value) -> Value:
    """``+ - * / // % **`` of two numbers where one is a float (ints are ``int_arithmetic``'s),
    and an int raised to a negative power: computed when both are known."""
    if symbol not in ARITHMETIC or not (is_number(left) and is_number(right)):
        return UNKNOWN
    a, b = _number(left), _number(right)
    if a is None or b is None:
        return SOME_FLOAT
    try:
        result = _OPERATORS[symbol](a, b)
    except (ArithmeticError, ValueError):
        return SOME_FLOAT
    return _float(result, symbol == "**" or _approximate(left) or _approximate(right))


_OPERATORS: dict[str, Callable[[float, float], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}


def _number(value: Value) -> float | None:
    """The value of a literal number or of a computed float."""
    if isinstance(value, Constant) and type(value.value) is ComputedFloat:
        return float(value.value)
    return exact_number(value)


def _approximate(value: Value) -> bool:
    return isinstance(value, Constant) and getattr(value.value, "approximate", False)


def _float(result: Any, approximate: bool) -> Value:
    """A computed float as a value: followed when it is a finite float."""
    if isinstance(result, float) and math.isfinite(result):
        return Constant(ComputedFloat(result, approximate))
    return SOME_FLOAT


def format_field(value: Value) -> str | None:
    """What ``str(value)`` gives for a known int or string; None for anything else."""
    if isinstance(value, IntValue) and value.dim.value is not None:
        return str(value.dim.value)
    if isinstance(value, Constant) and type(value.value) is str:
        return str(value.value)
    return None


def true_division(a: int, b: int) -> Value:
    """``a / b`` of two known ints: correctly rounded by IEEE 754, so known exactly."""
    if b == 0 or max(abs(a), abs(b)) >= 2**53:
        return SOME_FLOAT
    return _float(a / b, False)


def exact_call(name: str, positional: list[Value]) -> Value | None:
    """``math.<name>(x)`` or ``np.<name>(x)`` of one known number, computed; None when the
    function is not one of those or its argument is not a known number."""
    function = _EXACT.get(name)
    number = _number(positional[0]) if len(positional) == 1 else None
    if function is None or number is None:
        return None
    try:
        approximate = name != "sqrt" or _approximate(positional[0])
        return _float(function(number), approximate)
    except (ArithmeticError, ValueError):
        return SOME_FLOAT  # NumPy warns and returns nan or inf: not followed


def _to_int(value: Value, rounding: Callable[[float], int]) -> Value:
    """An int made from a float: known when the float is, unless a libm-rounded function
    went into it and it lies within rounding of an integer."""
    number = _number(value)
    if number is None or not math.isfinite(number) or isinstance(value, IntValue):
        return IntValue(UNKNOWN_DIM)
    near = abs(number - round(number)) <= _ROUNDING * max(1.0, abs(number))
    if near and _approximate(value):
        return IntValue(UNKNOWN_DIM)
    result = rounding(number)
    return IntValue(Dim.of(result)) if abs(result) < 2**63 else IntValue(UNKNOWN_DIM)


def string_arithmetic(symbol: str, left: Value, right: Value) -> Value:
    if (
        symbol == "+"
        and isinstance(left, Constant)
        and isinstance(right, Constant)
        and isinstance(left.value, str)
        and isinstance(right.value, str)
    ):
        return Constant(left.value + right.value)
    return UNKNOWN


def dict_key(value: Value) -> Any:
    """The Python key a value stands for, or ``NO_KEY`` when it is not known."""
    if isinstance(value, Constant) and isinstance(value.value, (str, bool, type(None))):
        return value.value
    if isinstance(value, IntValue) and value.dim.value is not None:
        return value.dim.value
    return NO_KEY


def math_call(name: str, positional: list[Value]) -> Value:
    """``math.<name>(...)``: a float, or an int computed from known ints."""
    exact = exact_call(name, positional)
    if exact is not None:
        return exact
    if name in _MATH_FLOATS:
        return SOME_FLOAT
    if name in ("floor", "ceil", "trunc") and len(positional) == 1 and is_float(positional[0]):
        return _to_int(positional[0], getattr(math, name))
    if name in _MATH_INTS:
        known = [p.dim.value if isinstance(p, IntValue) else None for p in positional]
        if positional and all(isinstance(k, int) for k in known):
            try:
                result = _MATH_INTS[name](*known)
            except (TypeError, ValueError):
                return UNKNOWN
            if isinstance(result, int) and abs(result) < 2**63:
                return IntValue(Dim.of(result))
        return IntValue(UNKNOWN_DIM)
    return UNKNOWN


def random_call(name: str) -> Value:
    """``random.<name>(...)``: some int or some float (any other draw is unknown)."""
    if name in _RANDOM_INTS:
        return IntValue(UNKNOWN_DIM)
    return SOME_FLOAT if name in _RANDOM_FLOATS else UNKNOWN


def conversion(name: str, first: Value) -> Value:
    """``int(x)``, ``float(x)``, ``round(x)``, ``abs(x)`` of a number."""
    if name == "int":
        if isinstance(first, IntValue):
            return first
        if is_float(first):
            return _to_int(first, int)
        return IntValue(UNKNOWN_DIM) if isinstance(first, Tensor) else UNKNOWN
    if name == "float":
        return SOME_FLOAT if is_number(first) or isinstance(first, Tensor) else UNKNOWN
    if name == "round":
        return IntValue(UNKNOWN_DIM) if is_number(first) else UNKNOWN
    if name == "abs":
        if isinstance(first, IntValue):
            value = first.dim.value
            return IntValue(Dim.of(abs(value))) if value is not None else IntValue(UNKNOWN_DIM)
        return SOME_FLOAT if is_float(first) else UNKNOWN
    return UNKNOWN


def key_value(key: Any) -> Value:
    """A dict key back as a value (``cfg.keys()`` iterated)."""
    if isinstance(key, int) and not isinstance(key, bool):
        return IntValue(Dim.of(key))
    return Constant(key)
