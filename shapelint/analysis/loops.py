"""Loops: exact iterations first, then a bounded fixed point.

A loop over something whose items are known and few (``range(3)``, a tuple of layers, the
dims of a shape) runs each iteration exactly, in order, reporting each: the state after it
is exact too, so nothing is widened. Any other loop reports its first iteration from the
state the loop is entered in (a bug there is a bug whenever the body runs), then iterates
to a bounded fixed point with events muted and reports one more pass from the joined,
widened loop-head state. ``break`` leaves an exact loop; ``continue`` goes to the next
iteration; in the fixed point both are ways out of one pass.
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis import layers, scalars
from shapelint.analysis.machine import LOOP_ITERATIONS, Machine
from shapelint.analysis.primitives import iteration_value
from shapelint.analysis.store import Snapshot
from shapelint.analysis.values import (
    UNKNOWN,
    DictValue,
    IntValue,
    Layer,
    ModuleRef,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import Dim, Shape

# the most iterations run one by one; a longer loop, or one nested in an exact loop, uses the
# fixed point (nested exact loops would multiply)
UNROLL_LIMIT = 8


class Loops(Machine):
    unrolling = 0

    def exec_loop(self, node: cst.For | cst.While) -> None:
        iterable = self.eval(node.iter) if isinstance(node, cst.For) else None
        if isinstance(node, cst.For) and iterable is not None:
            self.run_iterator(iterable, node.iter)
        element = iteration_value(iterable) if iterable is not None else UNKNOWN
        if self.muted:
            # inside an outer loop's fixed point nothing is reported: one pass, then widen,
            # so nested loops cost a constant factor each instead of multiplying
            ends, breaks = self.loop_pass(node, {}, element)
            joined = self.store.join([{}, *([ends] if ends is not None else []), *breaks])
            self.store.merge([self.store.widen(joined)])
            return
        items = exact_items(iterable) if iterable is not None and not self.unrolling else None
        if items is not None:
            self.unroll(node, items)
        else:
            known_first = first_of(iterable) if iterable is not None else None
            self.frame.undecided += 1  # how often the body runs is not known
            try:
                self.iterate(
                    node,
                    element,
                    known_first or self.first_item(node) or element,
                    surely_entered=known_first is not None,
                )
            finally:
                self.frame.undecided -= 1
        if node.orelse is not None:
            self.exec_block(node.orelse.body.body)

    def unroll(self, node: cst.For | cst.While, items: list[Value]) -> None:
        """Each iteration exactly, from the state the previous one left."""
        self.unrolling += 1
        try:
            head: Snapshot | None = {}
            leaving: list[Snapshot] = []
            for item in items:
                assert head is not None
                head, breaks = self.loop_pass(node, head, item)
                leaving.extend(breaks)
                if head is None:
                    break
            outcomes = leaving + ([head] if head is not None else [])
            if outcomes:
                self.store.merge([self.store.join(outcomes)])
        finally:
            self.unrolling -= 1

    def first_item(self, node: cst.For | cst.While) -> Value | None:
        """What the first iteration binds when only that is known: ``range(n)`` with ``n``
        unknown starts at 0 (or at its known start)."""
        call = node.iter if isinstance(node, cst.For) else None
        if not isinstance(call, cst.Call) or not 1 <= len(call.args) <= 3:
            return None
        callee = self.eval(call.func)
        if not (isinstance(callee, ModuleRef) and callee.qualname == "builtins.range"):
            return None
        if any(arg.star or arg.keyword for arg in call.args):
            return None
        start = self.eval(call.args[0].value) if len(call.args) > 1 else IntValue(Dim.of(0))
        return start if isinstance(start, IntValue) and start.dim.value is not None else None

    def iterate(
        self, node: cst.For | cst.While, element: Value, first: Value, *, surely_entered: bool
    ) -> None:
        """The first iteration reported (binding ``first``); the fixed point muted; one
        reported pass from it. A loop over items known to be there runs its first iteration
        whenever it is reached, so that pass is as decided as the code around the loop."""
        head: Snapshot = {}
        for index in range(LOOP_ITERATIONS):
            if index == 0:
                self.frame.undecided -= surely_entered
                try:
                    ends = self.pass_outcome(node, head, first)
                finally:
                    self.frame.undecided += surely_entered
            else:
                with self.silenced():
                    ends = self.pass_outcome(node, head, element)
            joined = self.store.join([head, ends])
            if self.store.same(joined, head):
                break
            head = joined
        else:
            head = self.store.widen(head)
        self.store.merge([head])
        ends = self.pass_outcome(node, {}, element)
        self.store.merge([ends, {}])  # the body ran, or it did not

    def pass_outcome(self, node: cst.For | cst.While, head: Snapshot, element: Value) -> Snapshot:
        """Every way out of one pass, joined (``break`` and ``continue`` alike)."""
        ends, breaks = self.loop_pass(node, head, element)
        outcomes = ([ends] if ends is not None else []) + breaks
        return self.store.join(outcomes) if outcomes else {}

    def loop_pass(
        self, node: cst.For | cst.While, head: Snapshot, element: Value
    ) -> tuple[Snapshot | None, list[Snapshot]]:
        """One pass of the body from ``head``, undone: the state for the next iteration
        (the end of the body and each ``continue``, joined; None when no path gets there)
        and the state at each ``break``."""
        journal = self.store.begin()
        for target, name, value in head.values():
            self.store.write(target, name, value)
        if isinstance(node, cst.For):
            self.assign_target(node.target, element)
        else:
            self.eval(node.test)
        self.frame.loop_exits.append([])
        self.frame.loop_breaks.append([])
        self.frame.loop_bases.append(len(self.store.journals) - 1)
        try:
            ended = not self.exec_block(node.body.body)
        finally:
            self.frame.loop_bases.pop()
            continues = self.frame.loop_exits.pop()
            breaks = self.frame.loop_breaks.pop()
        onward = ([self.store.snapshot([journal])] if ended else []) + continues
        self.store.end(journal)
        return (self.store.join(onward) if onward else None), breaks


def first_of(value: Value) -> Value | None:
    """The item a loop over ``value`` surely binds first, when there surely is one."""
    if isinstance(value, TupleValue):
        return value.items[0] if value.items else None
    if isinstance(value, ShapeValue) and not value.shape.variadic and value.shape.dims:
        return IntValue(value.shape.dims[0])
    if isinstance(value, Tensor) and value.shape.rank and value.shape.dims[0].value:
        return value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)
    if isinstance(value, Layer) and value.kind in ("module_list", "sequential"):
        found = layers.sequence_layers(value) or layers.module_items(value)
        return found[0] if found else None
    if isinstance(value, DictValue):
        return scalars.key_value(value.items[0][0]) if value.items else None
    return None


def exact_items(value: Value) -> list[Value] | None:
    """The items a ``for`` loop binds, in order, when they are known and few."""
    items: list[Value] | None = None
    if isinstance(value, TupleValue):
        items = list(value.items)
    elif isinstance(value, ShapeValue) and not value.shape.variadic:
        items = [IntValue(d) for d in value.shape.dims]
    elif isinstance(value, Tensor) and value.shape.rank:
        count = value.shape.dims[0].value
        row = value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)
        items = [row] * count if count is not None and count <= UNROLL_LIMIT else None
    elif isinstance(value, Layer) and value.kind in ("module_list", "sequential"):
        found = layers.sequence_layers(value) or layers.module_items(value)
        items = list(found) if found else None
    elif isinstance(value, DictValue):  # a dict iterates over its keys, in order
        items = [scalars.key_value(key) for key, _ in value.items]
    if items is None or len(items) > UNROLL_LIMIT:
        return None
    return items
