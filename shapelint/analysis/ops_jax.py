"""JAX op kinds beyond NumPy's: PRNG keys, and ``jax.scipy.ndimage.map_coordinates``.

A key is an array like any other to the analysis: ``PRNGKey(seed)`` is the legacy raw key,
``uint32`` of shape ``(2,)`` under the default ``threefry2x32`` implementation (another
``impl`` makes it unknown); ``jax.random.key(seed)`` is a typed key, a 0-d array whatever
the implementation. ``split(key, num)`` gives ``num`` keys stacked in front of the key's own
shape (``(n, 2)`` raw, ``(n,)`` typed; JAX refuses a batch of keys), and ``fold_in`` one key
of the same shape, so what is drawn with them, and ``vmap`` over them, keeps its sizes.

``map_coordinates(input, coordinates, order)`` takes one coordinate array per dim of
``input`` and samples it where they point: the result has their broadcast shape. A count
that is not ``input.ndim``, an ``order`` other than 0 or 1 (not implemented) or shapes that
do not broadcast raise; the result is then left unknown.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, input_tensor
from shapelint.analysis.values import IntValue, Tensor, TupleValue, Value
from shapelint.shapes import algebra
from shapelint.shapes.shape import Shape, ShapeError

# the raw key of ``PRNGKey`` under the default implementation, threefry2x32
RAW_KEY = Shape.of(2)


def _prng_key(call: Call) -> Value:
    if call.get("seed") is None:
        return call.unknown()
    return call.tensor(Shape(()) if call.opt("typed") else RAW_KEY)


def _num_shape(value: Value | None) -> Shape | None:
    """``split``'s ``num``: an int (2 when absent) or a tuple of ints."""
    if value is None:
        return Shape.of(2)
    if isinstance(value, (IntValue, TupleValue)):
        return convert.as_shape(value)
    return None


def _split_key(call: Call) -> Value:
    key = input_tensor(call, "key")
    num = _num_shape(call.get("num"))
    if key is None or key.shape.variadic or num is None or (key.shape.rank or 0) > 1:
        return call.unknown()  # a batch of keys raises ("split accepts a single key")
    return call.tensor(Shape(num.dims + key.shape.dims))


def _derived_key(call: Call) -> Value:
    """``fold_in(key, data)``: one new key shaped like ``key``."""
    key = input_tensor(call, "key")
    if key is None:
        return call.unknown()
    return call.tensor(key.shape)


def _map_coordinates(call: Call) -> Value:
    image = input_tensor(call, "x")
    coordinates = call.get("coordinates")
    order = convert.as_int(call.get("order"))
    if image is None or image.shape.variadic or order not in (0, 1):
        return call.unknown()
    if isinstance(coordinates, TupleValue):
        arrays = [convert.literal_tensor(item, "jax") for item in coordinates.items]
    elif isinstance(coordinates, Tensor) and not coordinates.shape.variadic:
        # an array is iterated: one coordinate array per row
        rows = coordinates.shape.dims
        count = rows[0].value if rows else None
        arrays = [Tensor(Shape(rows[1:]), "jax")] * count if count == len(image.shape.dims) else []
    else:
        return call.unknown()
    if not arrays or len(arrays) != len(image.shape.dims) or any(a is None for a in arrays):
        return call.unknown()
    try:
        shape = algebra.broadcast(*(a.shape for a in arrays if a is not None))
    except ShapeError:
        return call.unknown()
    return call.tensor(shape)


KINDS: dict[str, Callable[[Call], Value]] = {
    "prng_key": _prng_key,
    "split_key": _split_key,
    "derived_key": _derived_key,
    "map_coordinates": _map_coordinates,
}
