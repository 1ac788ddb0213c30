"""Op kinds of NumPy's random objects: the object itself, and draws from a distribution.

A ``Generator`` or ``RandomState`` is modelled by the dotted name of its class (a
``ModuleRef``), so its methods resolve by name like module functions. A draw has the shape
``size`` asks for; without ``size`` it is one value when every distribution parameter is a
scalar, and otherwise broadcasts the parameters (left unknown here).
"""

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call
from shapelint.analysis.ops_constructors import drawn_tensor
from shapelint.analysis.values import DRAWN, UNKNOWN, Constant, IntValue, ModuleRef, Tensor, Value
from shapelint.shapes.shape import Shape


def _object(call: Call) -> Value:
    return ModuleRef(str(call.opt("object")))


def _scalar(value: Value) -> bool:
    return isinstance(value, IntValue) or (
        isinstance(value, Constant) and isinstance(value.value, (float, bool))
    )


def _sized(call: Call) -> Value | None:
    """The draw's shape from ``size``: the tensor, unknown, or None when ``size`` is absent
    (or ``None``)."""
    size = call.get("shape")
    if size is None or convert.is_none(size):
        return None
    shape = convert.as_shape(size)
    if shape is None or any(d.value is not None and d.value < 0 for d in shape.dims):
        return call.unknown() if shape is None else UNKNOWN
    return drawn_tensor(call, shape)


def _draw(call: Call) -> Value:
    sized = _sized(call)
    if sized is not None:
        return sized
    parameters = [v for role, v in call.args.items() if role != "shape"]
    if all(_scalar(v) for v in parameters):
        return call.tensor(Shape(()), origin=DRAWN)
    return call.unknown()


def _choice(call: Call) -> Value:
    """``choice(a, size)``: items of ``a`` (an int n means ``arange(n)``); a multi-dim ``a``
    draws whole rows, so only an int or a vector is modelled."""
    a = call.get("x")
    if a is None:
        return call.unknown()
    population = a if _scalar(a) else convert.literal_tensor(a, "numpy")
    vector = isinstance(population, Tensor) and population.shape.rank == 1
    if not (isinstance(population, IntValue) or vector) or "axis" in call.args:
        return call.unknown()
    sized = _sized(call)
    return sized if sized is not None else call.tensor(Shape(()))


def _permutation(call: Call) -> Value:
    """``permutation(x)``: an int n is a shuffled ``arange(n)``, an array keeps its shape (its
    rows, or the ``axis`` given, are shuffled); a 0-d array fails, so it stays unknown."""
    x = call.get("x")
    if isinstance(x, IntValue):
        return call.tensor(Shape((x.dim,)))
    array = convert.literal_tensor(x, "numpy") if x is not None else None
    if array is None or array.shape.rank in (None, 0):
        return call.unknown()
    return array.with_shape(array.shape, keep_dtype=True)


KINDS: dict[str, Callable[[Call], Value]] = {
    "permutation": _permutation,
    "object": _object,
    "draw": _draw,
    "choice": _choice,
}
