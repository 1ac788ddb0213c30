"""Op kinds whose result size is counted from their arguments: ``np.insert`` at one index,
``repeat`` (NumPy's and torch's), ``tile`` and the cumulative sums that flatten without an
axis. Kept apart from ``ops_shaping`` because each reads a count, not a target shape.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, dims_arg, input_tensor, run_rule
from shapelint.analysis.values import Value
from shapelint.shapes import numpy_family as nf
from shapelint.shapes.shape import UNKNOWN_SHAPE, Dim, Shape, ShapeError


def _insert(call: Call) -> Value:
    """``np.insert(arr, obj, values, axis)`` at one int index along a given axis: the axis grows
    by what NumPy inserts there, one slice for ``values`` of lower rank than ``arr`` (NumPy
    pads it with leading ones and moves that first axis to ``axis``), ``values.shape[0]`` for
    one of the same rank. Index sequences, slices and the flattening ``axis=None`` stay unknown.
    """
    x = input_tensor(call)
    index, axis = convert.as_int(call.get("obj")), convert.as_int(call.get("axis"))
    values = call.get("values")
    if x is None or index is None or axis is None or values is None:
        return call.unknown()
    inserted = convert.literal_tensor(values, call.result_framework())
    rank = x.shape.rank
    if inserted is None or rank is None or inserted.shape.rank is None or not -rank <= axis < rank:
        return call.unknown()
    if inserted.shape.rank < rank:
        added = Dim.of(1)
    elif inserted.shape.rank == rank:
        added = inserted.shape.dims[0]
    else:
        return call.unknown()
    dims = list(x.shape.dims)
    dims[axis] = dims[axis] + added
    return x.with_shape(Shape(tuple(dims)))


def _cumulative(call: Call) -> Value:
    """NumPy's ``cumsum``/``cumprod``: along ``axis`` the shape is kept; without one (or with
    ``axis=None``) the running total is over the flattened array, 1-D (a 0-d input too)."""
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    axis = call.get("axis")
    if axis is None or convert.is_none(axis):
        return x.with_shape(Shape((x.shape.numel(),)))
    if convert.as_int(axis) is None or x.shape.rank == 0:
        return x.with_shape(UNKNOWN_SHAPE)
    return x.with_shape(x.shape)  # a running sum of bools is of ints: the kind is forgotten


def _repeat(call: Call) -> Value:
    """torch's ``x.repeat(*sizes)``: each dim times its count, extra leading counts new dims."""
    x = input_tensor(call)
    sizes = dims_arg(call.varargs, call.get("shape"))
    if x is None or sizes is None or sizes.variadic or x.shape.variadic:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE)
    extra = len(sizes.dims) - len(x.shape.dims)
    if extra < 0:
        call.fail(
            ShapeError(
                f"`repeat` needs at least {len(x.shape.dims)} sizes for {x.shape}, got {sizes}"
            ),
            (x.shape,),
        )
        return x.with_shape(UNKNOWN_SHAPE)
    dims = list(sizes.dims[:extra]) + [d * s for d, s in zip(x.shape.dims, sizes.dims[extra:])]
    return x.with_shape(Shape(tuple(dims)), keep_lineage=False)


def _np_repeat(call: Call) -> Value:
    """NumPy's ``repeat(a, repeats, axis=None)`` with one non-negative count (``numpy_family``):
    flattened without an axis. Per-item counts (an array) and negative ones stay unknown."""
    x = input_tensor(call)
    repeats, axis_value = convert.as_int(call.get("repeats")), call.get("axis")
    axis = None if axis_value is None or convert.is_none(axis_value) else convert.as_int(axis_value)
    if x is None or repeats is None or repeats < 0 or x.shape.variadic:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE)
    if axis is None and not (axis_value is None or convert.is_none(axis_value)):
        return x.with_shape(UNKNOWN_SHAPE)
    result = run_rule(call, nf.repeat, x.shape, repeats, axis)
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE, keep_lineage=False)


def _tile(call: Call) -> Value:
    """NumPy's ``tile(a, reps)`` with non-negative int counts (``numpy_family``); elsewhere
    (``K.tile``, which is ``tf.tile``) only one count per dim, where the rules agree."""
    x, reps_value = input_tensor(call), call.get("reps")
    reps = convert.as_axes(reps_value) if reps_value is not None else None
    if x is None or not isinstance(reps, (int, tuple)):
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE)
    counts = (reps,) if isinstance(reps, int) else reps
    if any(r < 0 for r in counts):
        return x.with_shape(UNKNOWN_SHAPE)
    if call.family not in ("numpy", "jax") and len(counts) != x.shape.rank:
        return x.with_shape(UNKNOWN_SHAPE)  # ``tf.tile`` wants one count per dim, no padding
    result = run_rule(call, nf.tile, x.shape, counts)
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE, keep_lineage=False)


KINDS: dict[str, Callable[[Call], Value]] = {
    "insert": _insert,
    "cumulative": _cumulative,
    "np_repeat": _np_repeat,
    "tile": _tile,
    "repeat": _repeat,
}
