"""JAX op kinds beyond NumPy's: PRNG keys.

A key is an array like any other to the analysis: ``PRNGKey(seed)`` is the legacy raw key,
``uint32`` of shape ``(2,)`` under the default ``threefry2x32`` implementation (another
``impl`` makes it unknown); ``jax.random.key(seed)`` is a typed key, a 0-d array whatever
the implementation. ``split(key, num)`` gives ``num`` keys stacked in front of the key's own
shape (``(n, 2)`` raw, ``(n,)`` typed; JAX refuses a batch of keys), and ``fold_in`` one key
of the same shape, so what is drawn with them, and ``vmap`` over them, keeps its sizes.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import convert
from shapelint.analysis.opcall import Call, input_tensor
from shapelint.analysis.values import IntValue, TupleValue, Value
from shapelint.shapes.shape import Shape

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


KINDS: dict[str, Callable[[Call], Value]] = {
    "prng_key": _prng_key,
    "split_key": _split_key,
    "derived_key": _derived_key,
}
