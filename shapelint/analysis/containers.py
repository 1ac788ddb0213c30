"""Containers built at run time: what ``zip``, ``enumerate``, ``reversed`` and ``sorted``
yield, and what list and dict methods do to the container they are called on.

A container of known items stays a ``TupleValue`` (exact, in order); one whose length is not
known is a ``ListOf`` its items' join. A method that changes a container returns the new
container, which the caller writes back to the name it was read from.
"""

from __future__ import annotations

from shapelint.analysis import layers, scalars
from shapelint.analysis.primitives import iteration_value
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    DictValue,
    IntValue,
    Layer,
    ListOf,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
    join_values,
)
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape

UNCHANGED = None  # a method that leaves its receiver as it was
# the most rows of an array taken one by one (``zip(keys, sizes)``); a longer array is a list
MOST_ROWS = 16
# a string literal of at most this many characters is iterated character by character
STRING_ITEMS = 64


def known_items(value: Value) -> list[Value] | None:
    """The items of ``value`` in order, when they are known."""
    if isinstance(value, TupleValue):
        return list(value.items)
    if isinstance(value, ShapeValue) and not value.shape.variadic:
        return [IntValue(d) for d in value.shape.dims]
    if isinstance(value, Layer) and value.kind in ("module_list", "sequential"):
        found = layers.sequence_layers(value) or layers.module_items(value)
        return list(found) if found else None
    if isinstance(value, DictValue):
        return [scalars.key_value(k) for k, _ in value.items]
    if isinstance(value, Tensor) and not value.shape.variadic and value.shape.dims:
        rows = value.shape.dims[0].value  # an array's items are its rows
        if rows is not None and rows <= MOST_ROWS:
            return [value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)] * rows
    if isinstance(value, Constant) and isinstance(value.value, str):
        text = value.value
        return [Constant(ch) for ch in text] if len(text) <= STRING_ITEMS else None
    return None


def known_length(value: Value) -> Dim:
    """How many items iterating over ``value`` yields, when that is known (a tensor's first
    dim, a list built from an iterable of known length), else an unknown dim."""
    if isinstance(value, ListOf):
        return value.length
    if isinstance(value, Tensor) and not value.shape.variadic and value.shape.dims:
        return value.shape.dims[0]
    if isinstance(value, Constant) and isinstance(value.value, str):
        return Dim.of(len(value.value))
    items = known_items(value)
    return Dim.of(len(items)) if items is not None else UNKNOWN_DIM


def list_of(value: Value) -> Value:
    """A list whose items look like ``value``'s, as long as ``value`` when that is known
    (unknown if nothing)."""
    item = iteration_value(value)
    if item is UNKNOWN and not _iterable(value):
        return UNKNOWN
    return ListOf(item, known_length(value))


def _iterable(value: Value) -> bool:
    return isinstance(value, (TupleValue, ListOf, ShapeValue, Tensor, DictValue))


def zip_value(arguments: list[Value]) -> Value:
    if not arguments:
        return TupleValue((), True)
    exact = [known_items(a) for a in arguments]
    if all(items is not None for items in exact):
        rows = zip(*(items for items in exact if items is not None))
        return TupleValue(tuple(TupleValue(tuple(row)) for row in rows), True)
    if not all(_iterable(a) or known_items(a) is not None for a in arguments):
        return UNKNOWN
    return ListOf(TupleValue(tuple(iteration_value(a) for a in arguments)))


def enumerate_value(iterable: Value, start: Value) -> Value:
    first = start.dim.value if isinstance(start, IntValue) else None
    items = known_items(iterable)
    if items is not None and first is not None:
        return TupleValue(
            tuple(TupleValue((IntValue(Dim.of(first + i)), v)) for i, v in enumerate(items)),
            True,
        )
    if items is None and not _iterable(iterable):
        return UNKNOWN
    return ListOf(
        TupleValue((IntValue(UNKNOWN_DIM), iteration_value(iterable))), known_length(iterable)
    )


def reversed_value(iterable: Value) -> Value:
    items = known_items(iterable)
    if items is not None:
        return TupleValue(tuple(reversed(items)), True)
    return iterable if isinstance(iterable, ListOf) else UNKNOWN


def sorted_value(iterable: Value) -> Value:
    """Sorted: the same items in an order that is not known."""
    if isinstance(iterable, ListOf):
        return iterable
    return list_of(iterable) if known_items(iterable) is not None else UNKNOWN


def list_method(receiver: TupleValue | ListOf, name: str, positional: list[Value]) -> Value:
    """The list after ``receiver.<name>(...)``."""
    items = list(receiver.items) if isinstance(receiver, TupleValue) else None
    if name == "append" and len(positional) == 1:
        if items is not None:
            return TupleValue((*items, positional[0]), True)
        return _grown(receiver, positional[0])
    if name == "extend" and len(positional) == 1:
        more = known_items(positional[0])
        if items is not None and more is not None:
            return TupleValue((*items, *more), True)
        return _grown(receiver, iteration_value(positional[0]))
    if name == "insert" and len(positional) == 2:
        return _grown(receiver, positional[1])
    if name == "clear":
        return TupleValue((), True)
    if items == []:
        return UNKNOWN  # pop or remove on an empty list raises
    return _grown(receiver, None)  # pop, remove, sort, reverse: the same items, reordered


def _grown(receiver: TupleValue | ListOf, extra: Value | None) -> Value:
    """A list of unknown length: the receiver's items and ``extra``."""
    pool: list[Value] = (
        list(receiver.items) if isinstance(receiver, TupleValue) else [receiver.item]
    )
    if extra is not None:
        pool.append(extra)
    if not pool:
        return UNKNOWN
    item = pool[0]
    for other in pool[1:]:
        item = join_values(item, other)
    return ListOf(item)


def dict_method(
    receiver: DictValue, name: str, positional: list[Value], keywords: dict[str, Value]
) -> tuple[Value, Value | None]:
    """The result of ``receiver.<name>(...)`` and the dict afterwards (``UNCHANGED``)."""
    key = scalars.dict_key(positional[0]) if positional else scalars.NO_KEY
    if name == "get" and positional and key is not scalars.NO_KEY:
        found = receiver.get(key)
        default = positional[1] if len(positional) > 1 else keywords.get("default")
        return (found if found is not None else default or Constant(None)), UNCHANGED
    if name == "items" and not positional:
        pairs = tuple(TupleValue((scalars.key_value(k), v)) for k, v in receiver.items)
        return TupleValue(pairs, True), UNCHANGED
    if name == "keys" and not positional:
        return TupleValue(tuple(scalars.key_value(k) for k, _ in receiver.items), True), UNCHANGED
    if name == "values" and not positional:
        return TupleValue(tuple(v for _, v in receiver.items), True), UNCHANGED
    if name == "copy" and not positional:
        return receiver, UNCHANGED
    if name == "update":
        other = positional[0] if positional else DictValue(())
        if len(positional) <= 1 and isinstance(other, DictValue):
            merged = receiver
            for k, v in (*other.items, *keywords.items()):
                merged = merged.with_item(k, v)
            return Constant(None), merged
    return UNKNOWN, UNKNOWN


def dict_call(positional: list[Value], keywords: dict[str, Value]) -> Value:
    """``dict(...)``: from keywords, another known dict, or pairs of known keys."""
    result = DictValue(())
    if positional:
        source = positional[0]
        if len(positional) > 1:
            return UNKNOWN
        if isinstance(source, DictValue):
            result = source
        else:
            pairs = known_items(source)
            if pairs is None:
                return UNKNOWN
            for pair in pairs:
                if not isinstance(pair, TupleValue) or len(pair.items) != 2:
                    return UNKNOWN
                key = scalars.dict_key(pair.items[0])
                if key is scalars.NO_KEY:
                    return UNKNOWN
                result = result.with_item(key, pair.items[1])
    for name, value in keywords.items():
        result = result.with_item(name, value)
    return result
