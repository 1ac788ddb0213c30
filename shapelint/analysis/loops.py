"""Loops: exact iterations first, then a bounded fixed point.

A loop over something whose items are known and few (``range(3)``, a tuple of layers, the
dims of a shape) runs each iteration exactly, in order, reporting each: the state after it
is exact too, so nothing is widened. Any other loop reports its first iteration from the
state the loop is entered in (a bug there is a bug whenever the body runs), then iterates
to a bounded fixed point with events muted and reports one more pass from the joined,
widened loop-head state. ``break`` leaves an exact loop; ``continue`` goes to the next
iteration; in the fixed point both are ways out of one pass.

The last iteration is where a batch loop fails: ``for i in range(0, n, size)`` slicing
``data[i:i + size]`` gets a short slice only at the end. So a ``for`` loop whose last item
is known but which has too many items to run one by one also reports a pass binding its
last item, from the fixed point's loop-head state (what is known there holds on every
iteration), when nothing in its body can leave the loop early, so that iteration surely
runs. A ``while`` loop has no items: its counter lives in the state. One whose test is
known when it is reached (``while i < n`` with ``i`` and ``n`` known) runs exactly, each
pass reported, until its test is false or no path goes round again. When the test is no
longer known, a pass may also leave the loop on what is not known (a ``break`` or a
``return`` under an unknown test: ``while True`` waiting for convergence), a pass changes
nothing, or a bounded number of passes has run, the rest is the fixed point from the state
reached. Every pass run exactly is an iteration that really runs.
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis import layers, scalars
from shapelint.analysis.machine import LOOP_ITERATIONS, Machine
from shapelint.analysis.primitives import iteration_value, truth
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
    signature_of,
)
from shapelint.shapes.shape import Dim, Shape

# the most iterations run one by one; a longer loop, or one nested in an exact loop, uses the
# fixed point (nested exact loops would multiply)
UNROLL_LIMIT = 8
# the most passes one ``while`` loop runs exactly, and all of a module's such loops together
# (a loop nested in an exact one multiplies its passes): past them, the fixed point
WHILE_PASSES = 64
WHILE_BUDGET = 512


class Loops(Machine):
    unrolling = 0
    exact_whiles = 0  # exact ``while`` loops being run (one at a time)
    while_passes = 0  # exact ``while`` passes run in this module
    early_exits: dict[cst.For, bool] | None = None

    def exec_loop(self, node: cst.For | cst.While) -> None:
        if isinstance(node, cst.While) and not self.muted and self.run_while(node):
            if node.orelse is not None:
                self.exec_block(node.orelse.body.body)
            return
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
            last = self.last_item(node, iterable) if isinstance(node, cst.For) else None
            self.frame.undecided += 1  # how often the body runs is not known
            try:
                self.iterate(
                    node,
                    element,
                    known_first or self.first_item(node) or element,
                    surely_entered=known_first is not None,
                    last=last,
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
        bounds = self.range_bounds(node)
        if bounds is None:
            return None
        start = bounds[0] if len(bounds) > 1 else 0
        return IntValue(Dim.of(start)) if start is not None else None

    def range_bounds(self, node: cst.For | cst.While) -> list[int | None] | None:
        """The arguments of a loop over ``range(...)``, each an int or None when unknown."""
        call = node.iter if isinstance(node, cst.For) else None
        if not isinstance(call, cst.Call) or not 1 <= len(call.args) <= 3:
            return None
        callee = self.eval(call.func)
        if not (isinstance(callee, ModuleRef) and callee.qualname == "builtins.range"):
            return None
        if any(arg.star or arg.keyword for arg in call.args):
            return None
        values = [self.eval(arg.value) for arg in call.args]
        return [v.dim.value if isinstance(v, IntValue) else None for v in values]

    def last_item(self, node: cst.For, iterable: Value | None) -> Value | None:
        """The item the last iteration of a ``for`` loop binds, when it is known and that
        iteration surely runs: the items are there and the body has no ``break``,
        ``return`` or ``raise`` that could end the loop before it."""
        items = known_items(iterable) if iterable is not None else None
        last: Value | None = items[-1] if items else None
        if items is None:
            bounds = self.range_bounds(node)
            if bounds is not None and all(b is not None for b in bounds):
                known = [b for b in bounds if b is not None]
                steps = range(*known) if known[2:] != [0] else range(0)
                last = IntValue(Dim.of(steps[-1])) if steps else None
        return last if last is not None and not self.leaves_early(node) else None

    def leaves_early(self, node: cst.For) -> bool:
        """Whether the body may leave the loop before its last iteration (found once per
        loop)."""
        if self.early_exits is None:
            self.early_exits = {}
        found = self.early_exits.get(node)
        if found is None:
            finder = _Exits()
            node.body.visit(finder)
            found = self.early_exits[node] = finder.found
        return found

    def run_while(self, node: cst.While) -> bool:
        """A ``while`` loop whose test is known when it is reached: False (nothing run) when
        it is not, or when another exact one is running. The body does not run when the
        test is false; else it runs pass by pass while the test stays known (each pass an
        iteration that really runs, reported), the rest the fixed point from there."""
        if self.exact_whiles or self.while_passes >= WHILE_BUDGET:
            return False
        verdict, tested = self.while_test(node, {})
        if verdict is None:
            return False
        if verdict is False:
            self.store.merge([tested])  # what evaluating the test wrote (``:=``)
            return True
        self.exact_whiles += 1
        journal = self.store.begin()
        try:
            head: Snapshot = {}
            leaving: list[Snapshot] = []
            ends: Snapshot | None = None  # the state when the test ends the loop
            for _ in range(WHILE_PASSES):
                if self.while_passes >= WHILE_BUDGET:
                    verdict = None
                    break
                self.while_passes += 1
                returns = len(self.frame.returns)
                onward, breaks = self.loop_pass(node, head, UNKNOWN)
                leaving.extend(breaks)
                if onward is None:  # no path goes round again
                    break
                # a pass that may also leave the loop leaves it on what is not known, and
                # one that changed nothing would repeat: no more is learnt exactly
                undetermined = breaks or len(self.frame.returns) > returns
                if undetermined or self.store.same(onward, head):
                    verdict = None
                else:
                    verdict, tested = self.while_test(node, onward)
                head = onward
                if verdict is not True:
                    break
            else:
                verdict = None
            if verdict is False:
                ends = tested  # the state after the last pass and the test that ended it
            elif verdict is None:  # the rest is not known: the fixed point from here
                self.store.merge([head])
                self.frame.undecided += 1
                try:
                    self.iterate(node, UNKNOWN, UNKNOWN, surely_entered=False)
                finally:
                    self.frame.undecided -= 1
        finally:
            self.exact_whiles -= 1
            after = self.store.end(journal)
        outcomes = leaving + ([ends] if ends is not None else [after] if verdict is None else [])
        if outcomes:
            self.store.merge([self.store.join(outcomes)])
        return True

    def while_test(self, node: cst.While, head: Snapshot) -> tuple[bool | None, Snapshot]:
        """The truth of the loop's test in the state ``head`` describes, nothing reported
        (the pass evaluates it again), and that state with what the test wrote, undone."""
        journal = self.store.begin()
        try:
            for target, name, value in head.values():
                self.store.write(target, name, value)
            with self.silenced():
                verdict = truth(self.eval(node.test))
        finally:
            tested = self.store.end(journal)
        return verdict, tested

    def iterate(
        self,
        node: cst.For | cst.While,
        element: Value,
        first: Value,
        *,
        surely_entered: bool,
        last: Value | None = None,
    ) -> None:
        """The first iteration reported (binding ``first``); the fixed point muted; one
        reported pass from it, and one binding ``last`` when the last iteration is known to
        run with it. A loop over items known to be there runs its first iteration whenever
        it is reached, so that pass is as decided as the code around the loop."""
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
        if last is not None and signature_of(last) != signature_of(element):
            self.frame.undecided -= 1
            try:
                self.pass_outcome(node, {}, last)
            finally:
                self.frame.undecided += 1
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
    items = known_items(value)
    if items is None or len(items) > UNROLL_LIMIT:
        return None
    return items


def known_items(value: Value) -> list[Value] | None:
    """The items a ``for`` loop binds, in order, when they are known."""
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
    return items


class _Exits(cst.CSTVisitor):
    """Finds a ``break``, ``return`` or ``raise`` in a loop body (not in a function or
    class defined there, whose own they are)."""

    def __init__(self) -> None:
        self.found = False

    def visit_Break(self, node: cst.Break) -> bool:
        self.found = True
        return False

    def visit_Return(self, node: cst.Return) -> bool:
        self.found = True
        return False

    def visit_Raise(self, node: cst.Raise) -> bool:
        self.found = True
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False
