"""Op kinds that make new tensors: zeros/ones/full and friends, array literals, arange,
linspace, eye, random draws, parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from shapelint.analysis import convert
from shapelint.analysis.opcall import (
    Call,
    dims_arg,
    input_tensor,
    run_rule,
)
from shapelint.analysis.values import (
    CONSTANT,
    DRAWN,
    GRID,
    LEARNED,
    WRITTEN,
    Constant,
    Draw,
    IntValue,
    ShapeValue,
    Splat,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape


def _shape(call: Call) -> Value:
    shape = dims_arg(call.varargs, call.get("shape"))
    if shape is None:
        if (
            call.varargs is None
            and call.get("shape") is None
            and call.spec.params[:1] != ("shape",)
        ):
            return _parameters_shape(call)
        return call.unknown()
    if _negative(shape) or _dtype_adds_axes(call.get("dtype")):
        return call.unknown()
    if not call.opt("random"):  # filled with one value (zeros, ones, full), or unknown
        return call.tensor(shape, origin=CONSTANT if call.opt("filled") else None)
    return drawn_tensor(call, shape)


def drawn_tensor(call: Call, shape: Shape) -> Tensor:
    """A random draw of ``shape``, linked to the tensor whose whole shape it was given as
    its size, so a weight drawn like its input is recognised whichever API drew it (a
    module function, a ``Generator`` method, a JAX key)."""
    copied = _copied_shape(call)
    if copied is None:
        return call.tensor(shape, origin=DRAWN)
    # sizes given one by one (``randn(*x.shape)``) can be given as literals by the same call
    sized = call.display if call.spec.varargs == "shape" else None
    return call.tensor(
        shape, origin=DRAWN, like=copied, drawn=Draw(call.node, call.node, shape, sized)
    )


def _copied_shape(call: Call) -> int | None:
    """The lineage of the tensor whose whole shape a draw was given as its size
    (``randn(*x.shape)``, ``randn(x.size())``, ``uniform(key, x.shape)``,
    ``normal(size=x.shape)``), or None."""
    if call.copied is not None:
        return call.copied
    given = call.varargs[0] if call.varargs and len(call.varargs) == 1 else call.get("shape")
    if isinstance(given, Splat):  # ``*x.shape`` of unknown length
        given = given.value
    return given.of if isinstance(given, ShapeValue) else None


def _parameters_shape(call: Call) -> Value:
    """A draw with no size (``np.random.normal(loc, scale)``, ``randint(0, high=arr)``): one
    value per element of its parameters broadcast together, a scalar when they all are."""
    # a JAX PRNG key is no parameter of the distribution
    roles = [r for r in call.spec.params if r not in ("shape", "key") and r in call.args]
    tensors = [convert.literal_tensor(call.args[role], call.result_framework()) for role in roles]
    shapes = [t.shape for t in tensors if t is not None]
    if len(shapes) != len(roles):
        return call.unknown()
    if not shapes:
        return call.tensor(Shape(()), origin=DRAWN)
    result = run_rule(call, algebra.broadcast, *shapes, judge="broadcast")
    return call.tensor(result, origin=DRAWN) if result is not None else call.unknown()


def _negative(shape: Shape) -> bool:
    """A negative size: the constructor raises, so no array with this shape ever exists."""
    return any(d.value is not None and d.value < 0 for d in shape.dims)


def _like(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    drawn = _like_draw(call, x.shape)
    if call.opt("random"):
        return call.tensor(x.shape, like=x.lineage, drawn=drawn, origin=DRAWN)
    # a filled copy (``np.full_like(x, 0.1)``) keeps the link too: named as a weight, it is
    # the same mistake as a drawn one
    return call.tensor(x.shape, like=x.lineage, drawn=replace(drawn, filled=True), origin=CONSTANT)


def _like_draw(call: Call, shape: Shape) -> Draw:
    """``torch.randn_like(x)``: the sized draw is its table's ``sized`` function, written
    beside it (``torch.randn``); a bare name (``randn_like``) gets none, as the sized
    function may not be imported."""
    name = call.opt("sized")
    module, dot, _ = call.display.rpartition(".")
    return Draw(call.node, call.node, shape, f"{module}.{name}" if name and dot else None)


def _dtype_adds_axes(dtype: Value | None, strings: bool = False) -> bool:
    """A ``dtype=`` that changes the shape (or may): a sub-array dtype ``(float, (2,))``,
    whose shape is appended, or, for text, ``"c"``, which splits strings into characters
    (``np.asarray(["+-+", "| |"], dtype="c")`` is (2, 3)). A plain or structured dtype keeps
    the shape."""
    if dtype is None:
        return False
    if isinstance(dtype, TupleValue):
        return True
    return strings and convert.as_str(dtype) == "c"


def _array(call: Call) -> Value:
    """A constructor or conversion: its result is an array of its own library, whatever the
    input's (``torch.from_numpy``, ``np.asarray(t)``, ``tf.convert_to_tensor``)."""
    framework = call.opt("framework") or call.framework or call.result_framework()
    declared = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if declared is not None and not convert.is_none(call.get("shape")):
        return Tensor(declared, framework)
    value = call.get("object")
    if _dtype_adds_axes(call.get("dtype"), strings=True):
        return call.unknown()
    if isinstance(value, Tensor):
        return Tensor(
            value.shape,
            framework,
            lineage=value.lineage,
            label=value.label,
            like=value.like,
            drawn=value.drawn,
            origin=value.origin,
        )
    shape = convert.nested_shape(value, text=True) if value is not None else None
    if shape is None:
        return call.unknown()
    # a size-1 axis written out in a literal (``[[3], [11]]``) is a column on purpose
    written = isinstance(value, TupleValue) and any(d.is_one() is True for d in shape.dims)
    literal = isinstance(value, TupleValue)
    return Tensor(shape, framework, intent=written, origin=WRITTEN if literal else None)


def _tensor_ctor(call: Call) -> Value:
    items = call.varargs or []
    if len(items) == 1 and isinstance(items[0], TupleValue) and items[0].is_list:
        shape = convert.nested_shape(items[0])
        return call.tensor(shape, origin=WRITTEN) if shape is not None else call.unknown()
    shape = convert.varargs_shape(items) if items else None
    if shape is None or _negative(shape):
        return call.unknown()
    return call.tensor(shape, origin=CONSTANT)


def _arange(call: Call) -> Value:
    start, stop, step = call.get("start"), call.get("stop"), call.get("step")
    if stop is None or convert.is_none(stop):
        start, stop = IntValue(Dim.of(0)), start
    begin = convert.as_dim(start) if start is not None else Dim.of(0)
    end = convert.as_dim(stop)
    stride = convert.as_int(step) if step is not None else 1
    if (
        not isinstance(stop, IntValue)
        or not isinstance(start, IntValue)
        or stride is None
        or stride == 0
    ):
        return call.tensor(Shape((UNKNOWN_DIM,)))
    span = end - begin
    if span.value is not None:
        length = max(0, -(-span.value // stride))
        return call.tensor(Shape.of(length))
    return call.tensor(Shape((span if stride == 1 else UNKNOWN_DIM,)))


def _endpoint_shape(value: Value | None) -> Shape | None:
    """The shape of a linspace endpoint: () for a number, a tensor's shape when its rank is
    known, None when it cannot be told (an unknown value may be an array)."""
    if isinstance(value, IntValue):
        return Shape(())
    if isinstance(value, Constant) and isinstance(value.value, (int, float)):
        return Shape(())
    if isinstance(value, Tensor) and value.shape.rank is not None:
        return value.shape
    return None


def _linspace(call: Call) -> Value:
    """``(num,)`` followed by the broadcast shape of the endpoints: NumPy, JAX and
    TensorFlow space array endpoints elementwise along a new first axis; torch takes only
    0-dimensional ones."""
    ends = [_endpoint_shape(call.get(role)) for role in ("start", "stop")]
    if ends[0] is None or ends[1] is None:
        return call.unknown()
    spread = run_rule(call, algebra.broadcast, ends[0], ends[1], judge="broadcast")
    if spread is None or (spread.rank != 0 and call.result_framework() == "torch"):
        return call.unknown()
    num = call.get("num")
    if num is None:
        default = call.opt("default_num")
        length = Dim.of(default) if default is not None else UNKNOWN_DIM
    else:
        length = convert.as_dim(num)
    return call.tensor(Shape((length, *spread.dims)))


def _eye(call: Call) -> Value:
    n = convert.as_dim(call.get("N"))
    m_value = call.get("M")
    m = n if m_value is None or convert.is_none(m_value) else convert.as_dim(m_value)
    return call.tensor(Shape((n, m)), origin=CONSTANT)


def _randint(call: Call) -> Value:
    shape_value = call.get("shape")
    if shape_value is None and isinstance(call.get("high"), TupleValue):
        shape_value = call.get("high")  # torch.randint(high, size)
    shape = convert.as_shape(shape_value) if shape_value is not None else None
    return call.tensor(shape, origin=DRAWN) if shape is not None else call.unknown()


def _normal(call: Call) -> Value:
    shape = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if shape is not None:
        copied = _copied_shape(call)
        drawn = Draw(call.node, call.node, shape) if copied is not None else None
        return call.tensor(shape, origin=DRAWN, like=copied, drawn=drawn)
    mean, std = input_tensor(call, "mean"), input_tensor(call, "std")
    if isinstance(call.get("mean"), Tensor) and mean is not None and std is not None:
        result = run_rule(call, algebra.broadcast, mean.shape, std.shape, judge="broadcast")
        return call.tensor(result, origin=DRAWN) if result is not None else call.unknown()
    return call.unknown()


def _parameter(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return Tensor(UNKNOWN_SHAPE, call.result_framework(), weight=True, origin=LEARNED)
    return Tensor(
        x.shape,
        call.result_framework() if call.framework else x.framework,
        weight=True,
        like=x.like,
        label=x.label,
        drawn=replace(x.drawn, at=call.node) if x.drawn is not None else None,
        origin=LEARNED,
    )


def _grid(kind: Callable[[Call], Value]) -> Callable[[Call], Value]:
    """A kind whose values are evenly spaced and fixed by its arguments (``arange``,
    ``linspace``): a grid, laid out to be broadcast into tables."""

    def grid(call: Call) -> Value:
        result = kind(call)
        return replace(result, origin=GRID) if isinstance(result, Tensor) else result

    return grid


KINDS: dict[str, Callable[[Call], Value]] = {
    "shape": _shape,
    "like": _like,
    "array": _array,
    "tensor_ctor": _tensor_ctor,
    "arange": _grid(_arange),
    "linspace": _grid(_linspace),
    "eye": _eye,
    "randint": _randint,
    "normal": _normal,
    "parameter": _parameter,
}
