"""Python's builtins called on the values the interpreter follows: ``len``, ``range``,
``int``/``float``, ``list``/``tuple``/``dict``, ``zip``, ``enumerate``, ``reversed``,
``sorted``, ``map``, ``all``/``any``, ``min``/``max`` of ints, ``isinstance``, ``super``.
Each gives what the program would, or UNKNOWN when its arguments are not known enough.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from shapelint.analysis import containers, narrowing, scalars, shape_reads
from shapelint.analysis.primitives import truth
from shapelint.analysis.transforms import Transforms
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    Instance,
    IntValue,
    ListOf,
    ShapeValue,
    SuperRef,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_DIM, Dim


class Builtins(Transforms):
    def call_builtin(
        self, node: cst.Call, name: str, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        first = positional[0] if positional else UNKNOWN
        if name == "len":
            return shape_reads.length_of(self, node, first)
        if name == "range":
            return range_value(positional)
        if name in ("int", "float", "round", "abs") and len(positional) == 1:
            return scalars.conversion(name, first)
        if name in ("tuple", "list"):
            if not positional:
                return TupleValue((), name == "list")
            if isinstance(first, ShapeValue):
                return first
            if isinstance(first, TupleValue):
                return TupleValue(first.items, name == "list")
            if isinstance(first, ListOf):
                return first
            items = containers.known_items(first)
            if items is not None:
                return TupleValue(tuple(items), name == "list")
            return containers.list_of(first)
        if name in ("all", "any") and len(positional) == 1 and not keywords:
            return _all_or_any(name, containers.known_items(first))
        if name == "dict":
            return containers.dict_call(positional, keywords)
        if name == "zip" and not keywords:
            return containers.zip_value(positional)
        if name == "enumerate" and len(positional) <= 2:
            start = positional[1] if len(positional) > 1 else keywords.get("start")
            return containers.enumerate_value(first, start or IntValue(Dim.of(0)))
        if name == "reversed" and len(positional) == 1:
            return containers.reversed_value(first)
        if name == "sorted" and len(positional) == 1:
            return containers.sorted_value(first)
        if name == "isinstance" and len(positional) == 2 and len(node.args) == 2:
            return narrowing.instance_check(self.eval, first, node.args[1].value)
        if name == "map" and len(positional) >= 2 and not keywords:
            return self.map_value(node, first, positional[1:])
        if name in ("zip", "enumerate", "reversed", "sorted", "map"):
            return UNKNOWN
        if (
            name in ("min", "max")
            and len(positional) >= 2
            and all(isinstance(p, IntValue) for p in positional)
        ):
            values = [p.dim.value for p in positional if isinstance(p, IntValue)]
            if all(v is not None for v in values):
                pick = min if name == "min" else max
                return IntValue(Dim.of(pick(v for v in values if v is not None)))
            return IntValue(UNKNOWN_DIM)
        if (
            name == "super"
            and self.frame.class_key is not None
            and isinstance(self.frame.self_value, Instance)
        ):
            return SuperRef(self.frame.self_value, self.frame.class_key)
        if name == "setattr" and len(positional) >= 1 and isinstance(first, Instance):
            self.instances[first.ident] = self.new_attributes({})
        return UNKNOWN

    def map_value(self, node: cst.Call, function: Value, iterables: list[Value]) -> Value:
        """``map(f, *iterables)``: ``f`` called on each known row of items, up to the shortest
        iterable, as the program would; a list of unknown length maps its one item."""
        columns = [containers.known_items(iterable) for iterable in iterables]
        if all(column is not None for column in columns):
            rows = zip(*(column for column in columns if column is not None))
            return TupleValue(
                tuple(self.call(node, function, list(row), {}, [], False) for row in rows)
            )
        if len(iterables) == 1 and isinstance(iterables[0], ListOf):
            mapped = self.call(node, function, [iterables[0].item], {}, [], False)
            return ListOf(mapped, iterables[0].length)
        return UNKNOWN


RANGE_ITEMS = 64  # a longer known range is kept as "ints", its length not followed


def range_value(positional: list[Value]) -> Value:
    """``range(...)`` of known ints as the tuple of its items when short, else a list of
    unknown ints."""
    bounds = [p.dim.value if isinstance(p, IntValue) else None for p in positional]
    if 1 <= len(bounds) <= 3 and all(b is not None for b in bounds):
        known = [b for b in bounds if b is not None]
        if len(known) == 1:
            known = [0, known[0]]
        if known[2:] != [0]:
            items = range(*known)
            if len(items) <= RANGE_ITEMS:
                return TupleValue(tuple(IntValue(Dim.of(i)) for i in items))
            return ListOf(IntValue(UNKNOWN_DIM), Dim.of(len(items)))
    return ListOf(IntValue(UNKNOWN_DIM))


def _all_or_any(name: str, items: Sequence[Value] | None) -> Value:
    """``all``/``any`` of items whose truths are known enough to decide it."""
    if items is None:
        return UNKNOWN
    truths = [truth(item) for item in items]
    decisive = name == "any"  # the truth that settles it: any True, or all's first False
    if decisive in truths:
        return Constant(decisive)
    return Constant(not decisive) if None not in truths else UNKNOWN
