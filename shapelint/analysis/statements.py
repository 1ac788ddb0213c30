"""Statements and control flow: blocks, assignments and unpacking, imports, `del`,
branches (run on copies of the scope and joined per dimension, the branch journal),
loops (a bounded fixed point with events muted, then one reporting pass), try/with/match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import libcst as cst

from shapelint.analysis import convert, declarations, narrowing, ops
from shapelint.analysis.events import OpFailed
from shapelint.analysis.imports import canonical, is_tracked
from shapelint.analysis.machine import (
    LOOP_ITERATIONS,
    Machine,
)
from shapelint.analysis.primitives import (
    augmented_symbol,
    iteration_value,
    truth,
)
from shapelint.analysis.store import MISSING, Snapshot
from shapelint.analysis.values import (
    CONSTANT,
    UNKNOWN,
    Constant,
    Instance,
    IntValue,
    Layer,
    ListOf,
    ModuleRef,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE, Shape

# context managers of the test frameworks that assert their body raises
_EXPECTS_RAISE = frozenset(
    {"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp", "assert_raises",
     "assert_raises_regex"}
)  # fmt: skip


def expects_raise(item: cst.BaseExpression) -> bool:
    """``pytest.raises(E)``, ``self.assertRaises(E)``, ``np.testing.assert_raises(E)``."""
    if not isinstance(item, cst.Call):
        return False
    func = item.func
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
    return name in _EXPECTS_RAISE


class Statements(Machine):
    def exec_block(self, body: Sequence[cst.CSTNode]) -> bool:
        """Run statements; True when control cannot reach the end of the block."""
        for statement in body:
            if self.exec_statement(statement):
                return True
        return False

    def exec_statement(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.SimpleStatementLine):
            for small in node.body:
                if self.exec_small(small, node):
                    return True
            return False
        if isinstance(node, cst.IndentedBlock):
            return self.exec_block(node.body)
        if isinstance(node, cst.FunctionDef):
            self.define_function(node)
        elif isinstance(node, cst.ClassDef):
            self.define_class(node)
        elif isinstance(node, cst.If):
            return self.exec_if(node)
        elif isinstance(node, (cst.For, cst.While)):
            self.exec_loop(node)
        elif isinstance(node, cst.With):
            for item in node.items:
                value = self.eval(item.item)
                if item.asname is not None:
                    bound = value if isinstance(value, (Tensor, Layer, Instance)) else UNKNOWN
                    self.assign_target(item.asname.name, bound)
            if any(expects_raise(item.item) for item in node.items):
                # the author asserts the body raises: a failure there is what it tests, and
                # the body may stop at any statement
                with self.silenced():
                    self.run_branches([node.body.body, []])
                return False
            return self.exec_block(node.body.body)
        elif isinstance(node, cst.Try):
            return self.exec_try(node)
        elif isinstance(node, cst.Match):
            self.eval(node.subject)
            self.run_branches([c.body.body for c in node.cases] + [[]])
        return False

    def exec_small(self, node: cst.BaseSmallStatement, line: cst.SimpleStatementLine) -> bool:
        if isinstance(node, cst.Assign):
            value = self.eval(node.value)
            value = declarations.check_shape_read(self, node, value)
            value = declarations.check_comment(self, line, node, value)
            for target in node.targets:
                self.assign_target(target.target, value, node.value)
            self.note(node, node.targets[0].target, value)
        elif isinstance(node, cst.AnnAssign):
            value = self.eval(node.value) if node.value is not None else UNKNOWN
            value = declarations.check_annotation(
                self, node.annotation.annotation, value, node, "annotation", seed=True
            )
            value = declarations.check_comment(self, line, node, value)
            if node.value is not None or value is not UNKNOWN:
                self.assign_target(node.target, value, node.value)
            self.note(node, node.target, value)
        elif isinstance(node, cst.AugAssign):
            self.exec_augassign(node)
        elif isinstance(node, cst.Expr):
            value = self.eval(node.value)
            declarations.check_comment(self, line, node, value, expression=True)
        elif isinstance(node, cst.Return):
            value = self.eval(node.value) if node.value is not None else Constant(None)
            if self.frame.return_pattern is not None and node.value is not None:
                value = declarations.check_return(self, node.value, value)
            if node.value is not None:
                self.note(node, cst.Name("return"), value)
            self.frame.returns.append(value)
            return True
        elif isinstance(node, cst.Raise):
            if node.exc is not None:
                self.eval(node.exc)
            return True
        elif isinstance(node, (cst.Break, cst.Continue)):
            if self.frame.loop_exits:
                passes = self.store.journals[self.frame.loop_bases[-1] :]
                self.frame.loop_exits[-1].append(self.store.snapshot(passes))
            return True
        elif isinstance(node, cst.Assert):
            declarations.check_assert(self, node)
        elif isinstance(node, (cst.Import, cst.ImportFrom)):
            self.exec_import(node)
        elif isinstance(node, cst.Del):
            self.delete(node.target)
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            for item in node.names:
                self.store.write(self.scope, item.name.value, UNKNOWN)
        return False

    def note(self, node: cst.CSTNode, target: cst.BaseExpression, value: Value) -> None:
        if not self.record or self.muted:
            return
        names = [(declarations.source(target), value)]
        if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, TupleValue):
            names = [
                (declarations.source(el.value), v) for el, v in zip(target.elements, value.items)
            ]
        self.note_names(node, names)

    def note_names(self, node: cst.CSTNode, names: list[tuple[str, Value]]) -> None:
        """Keep, per statement, the most informative values seen (for ``shapelint shapes``)."""
        if not names:
            return
        previous = self.recorded.get(node)
        if previous is None or declarations.information(names) >= declarations.information(
            previous
        ):
            self.recorded[node] = names

    def exec_import(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = declarations.dotted(alias.name)
                if alias.asname is not None:
                    name = declarations.source(alias.asname.name)
                    self.scope_write(
                        name, ModuleRef(canonical(dotted)) if is_tracked(dotted) else UNKNOWN
                    )
                else:
                    root = dotted.split(".")[0]
                    self.scope_write(root, ModuleRef(root) if is_tracked(root) else UNKNOWN)
            return
        module = declarations.dotted(node.module) if node.module is not None else ""
        tracked = not node.relative and is_tracked(module)
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = (
                declarations.source(alias.asname.name)
                if alias.asname
                else declarations.source(alias.name)
            )
            qualname = canonical(f"{module}.{declarations.dotted(alias.name)}")
            self.scope_write(name, ModuleRef(qualname) if tracked else UNKNOWN)

    def delete(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.store.write(self.scope, target.value, MISSING)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.delete(element.value)

    def exec_if(self, node: cst.If) -> bool:
        """Both branches, joined; only one when the test's value is known (``if
        self.window > 0`` with the window known to be 0 skips the body)."""
        verdict = truth(self.eval(node.test))
        orelse = node.orelse
        other: Sequence[cst.CSTNode] = (
            [orelse]
            if isinstance(orelse, cst.If)
            else orelse.body.body
            if isinstance(orelse, cst.Else)
            else []
        )
        test = narrowing.kind_test(self.eval, node.test)
        if verdict is True:
            return self.run_branches([node.body.body], [self.narrow(test, True)])
        if verdict is False:
            return self.run_branches([other], [self.narrow(test, False)])
        return self.run_branches(
            [node.body.body, other], [self.narrow(test, True), self.narrow(test, False)]
        )

    def narrow(self, test: narrowing.KindTest | None, branch: bool) -> Callable[[], None]:
        """What a branch learns from its type test (nothing when the test is no type test)."""

        def apply() -> None:
            if test is not None:
                value = self.eval(test.target)
                changed = narrowing.narrowed(value, test, branch)
                if changed is not value:
                    self.assign_target(test.target, changed)

        return apply

    def run_branches(
        self,
        branches: Sequence[Sequence[cst.CSTNode]],
        preludes: Sequence[Callable[[], None]] = (),
    ) -> bool:
        """Run each branch from the same state (after its prelude: what its condition
        proves); join the ones that fall through."""
        outcomes = []
        for index, body in enumerate(branches):
            journal = self.store.begin()
            if index < len(preludes):
                preludes[index]()
            terminated = self.exec_block(body)
            written = self.store.end(journal)
            if not terminated:
                outcomes.append(written)
        if not outcomes:
            return True
        self.store.merge(outcomes)
        return False

    def exec_try(self, node: cst.Try) -> bool:
        journal = self.store.begin()
        body_terminated = self.exec_block(node.body.body)
        if not body_terminated and node.orelse is not None:
            body_terminated = self.exec_block(node.orelse.body.body)
        after_body = self.store.end(journal)
        outcomes = [] if body_terminated else [after_body]
        for handler in node.handlers:
            journal = self.store.begin()
            self.store.merge([after_body, {}])  # raised anywhere in the body
            if handler.name is not None:
                self.assign_target(handler.name.name, UNKNOWN)
            terminated = self.exec_block(handler.body.body)
            written = self.store.end(journal)
            if not terminated:
                outcomes.append(written)
        if outcomes:
            self.store.merge(outcomes)
        terminated = not outcomes
        if node.finalbody is not None:
            terminated = self.exec_block(node.finalbody.body.body) or terminated
        return terminated

    def exec_loop(self, node: cst.For | cst.While) -> None:
        """A bounded fixed point over the names the body writes, with nothing reported;
        then one reported pass from the loop-head state."""
        iterable = self.eval(node.iter) if isinstance(node, cst.For) else None
        element = iteration_value(iterable) if iterable is not None else UNKNOWN
        head: Snapshot = {}
        if self.muted:
            # inside an outer loop's fixed point nothing is reported: one pass, then widen,
            # so nested loops cost a constant factor each instead of multiplying
            ends = self.loop_pass(node, head, element)
            self.store.merge([self.store.widen(self.store.join([head, ends]))])
            return
        with self.silenced():
            for _ in range(LOOP_ITERATIONS):
                ends = self.loop_pass(node, head, element)
                joined = self.store.join([head, ends])
                if self.store.same(joined, head):
                    break
                head = joined
            else:
                head = self.store.widen(head)
        self.store.merge([head])
        ends = self.loop_pass(node, {}, element)
        self.store.merge([ends, {}])  # the body ran, or it did not
        if node.orelse is not None:
            self.exec_block(node.orelse.body.body)

    def loop_pass(self, node: cst.For | cst.While, head: Snapshot, element: Value) -> Snapshot:
        """One pass of the body from ``head``: the join of every way out of it, undone."""
        journal = self.store.begin()
        for target, name, value in head.values():
            self.store.write(target, name, value)
        if isinstance(node, cst.For):
            self.assign_target(node.target, element)
        else:
            self.eval(node.test)
        self.frame.loop_exits.append([])
        self.frame.loop_bases.append(len(self.store.journals) - 1)
        try:
            ended = not self.exec_block(node.body.body)
        finally:
            self.frame.loop_bases.pop()
            exits = self.frame.loop_exits.pop()
        outcomes = ([self.store.snapshot([journal])] if ended else []) + exits
        self.store.end(journal)
        return self.store.join(outcomes) if outcomes else {}

    def exec_augassign(self, node: cst.AugAssign) -> None:
        current = self.eval(node.target)
        right = self.eval(node.value)
        symbol = augmented_symbol(node.operator)
        if isinstance(current, Tensor) and symbol != "@":
            result = ops.elementwise(self, node, f"{symbol}=", current, right, current.framework)
            if isinstance(result, Tensor) and result.shape.equals(current.shape) is False:
                other = convert.literal_tensor(right, current.framework)
                self.emit(
                    OpFailed(
                        node,
                        f"{symbol}=",
                        f"the result {result.shape} of broadcasting {current.shape} with "
                        f"{other.shape if other else '?'} does not fit back into {current.shape}",
                        (current.shape,),
                    )
                )
            return
        value = self.binary(node, symbol, current, right)
        self.assign_target(node.target, value)

    def assign_target(
        self, target: cst.BaseExpression, value: Value, source: cst.BaseExpression | None = None
    ) -> None:
        if isinstance(target, cst.Name):
            self.assign_name(target.value, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            self.unpack(target, value)
        elif isinstance(target, cst.Attribute):
            owner = self.eval(target.value)
            if isinstance(owner, Instance):
                attrs = self.attributes(owner)
                if isinstance(value, Tensor) and value.label is None:
                    value = replace(value, label=target.attr.value)
                self.store.write(attrs, target.attr.value, value)
            elif (
                isinstance(owner, Tensor)
                and target.attr.value == "shape"
                and isinstance(target.value, cst.Name)
            ):
                shape = convert.as_shape(value)
                self.assign_name(target.value.value, owner.with_shape(shape or UNKNOWN_SHAPE))
        elif isinstance(target, cst.Subscript):
            owner = self.eval(target.value)
            if isinstance(owner, (TupleValue, ListOf)) and isinstance(
                target.value, (cst.Name, cst.Attribute)
            ):
                self.assign_target(target.value, UNKNOWN)
            elif (
                isinstance(owner, Tensor)
                and owner.origin == CONSTANT
                and isinstance(target.value, cst.Name)
            ):  # ``x[i] = ...`` writes other values into a filled array: no longer a constant
                self.assign_name(target.value.value, replace(owner, origin=None))
        elif isinstance(target, cst.StarredElement):
            self.assign_target(target.value, UNKNOWN)

    def unpack(self, target: cst.Tuple | cst.List, value: Value) -> None:
        elements = [e.value for e in target.elements]
        starred = [i for i, e in enumerate(target.elements) if isinstance(e, cst.StarredElement)]
        items: list[Value] | None = None
        if isinstance(value, TupleValue):
            items = list(value.items)
        elif isinstance(value, ShapeValue):
            if not value.shape.variadic:
                items = [IntValue(d) for d in value.shape.dims]
        elif isinstance(value, ListOf):
            items = [value.item] * len(elements) if not starred else None
        elif isinstance(value, Tensor) and not value.shape.variadic and value.shape.dims:
            row = value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)
            items = (
                [row] * value.shape.dims[0].value if value.shape.dims[0].value is not None else None
            )
            if items is None and not starred:
                items = [row] * len(elements)
        if items is None or (not starred and len(items) != len(elements)):
            for element in elements:
                self.assign_target(element, UNKNOWN)
            return
        if starred:
            index = starred[0]
            tail = len(elements) - index - 1
            if len(items) < len(elements) - 1:
                for element in elements:
                    self.assign_target(element, UNKNOWN)
                return
            for element, item in zip(elements[:index], items[:index]):
                self.assign_target(element, item)
            self.assign_target(
                elements[index], TupleValue(tuple(items[index : len(items) - tail]), True)
            )
            for element, item in zip(elements[index + 1 :], items[len(items) - tail :]):
                self.assign_target(element, item)
            return
        for element, item in zip(elements, items):
            self.assign_target(element, item)
