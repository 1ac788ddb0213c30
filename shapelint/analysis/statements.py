"""Statements and control flow: blocks, assignments and unpacking, imports, `del`,
branches (run on copies of the scope and joined per dimension, the branch journal),
try/with/match (loops are in ``loops``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import libcst as cst
import libcst.matchers as m

from shapelint.analysis import (
    containers,
    convert,
    declarations,
    narrowing,
    ops,
    scalars,
    shape_reads,
)
from shapelint.analysis.events import OpFailed
from shapelint.analysis.imports import canonical, is_tracked
from shapelint.analysis.machine import Machine
from shapelint.analysis.primitives import (
    augmented_symbol,
    truth,
)
from shapelint.analysis.store import MISSING
from shapelint.analysis.values import (
    FIXED,
    UNKNOWN,
    Constant,
    DictValue,
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


# what the frameworks raise when shapes do not fit (ValueError, RuntimeError, TypeError,
# IndexError, tf.errors.InvalidArgumentError, JAX's runtime errors) and their bases
_CATCH_FAILURES = frozenset(
    {"BaseException", "Exception", "ValueError", "RuntimeError", "TypeError", "IndexError",
     "InvalidArgumentError", "OpError", "XlaRuntimeError", "JaxRuntimeError"}
)  # fmt: skip


def _handles_failures(handler: cst.ExceptHandler) -> bool:
    """An ``except`` that catches what a failed op raises and does not raise again: the
    author expects the body may fail (a demonstration, a fallback), so a failure there is
    handled. ``except KeyError`` or a handler that re-raises lets it through."""
    if m.findall(handler.body, m.Raise()):
        return False
    if handler.type is None:
        return True
    kinds = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    for kind in kinds:
        expr = kind.value if isinstance(kind, cst.Element) else kind
        name = expr.attr.value if isinstance(expr, cst.Attribute) else getattr(expr, "value", None)
        if name in _CATCH_FAILURES:
            return True
    return False


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
                mark = self.failures
                if self.exec_small(small, node):
                    return True
                if self.failures != mark and len(self.scopes) > 1:
                    # an op proven to fail raises: the rest of the function does not run, so
                    # one bug gives one finding. Module-level statements go on, each read
                    # as if run on its own (a script, a notebook's cells).
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
            value = shape_reads.check_shape_read(self, node, value)
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
            test = shape_reads.asserted_test(self, node.value)
            if test is not None:
                return shape_reads.check_assert(self, node.value, test)
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
                broke = isinstance(node, cst.Break)
                exits = self.frame.loop_breaks if broke else self.frame.loop_exits
                exits[-1].append(self.store.snapshot(passes))
            return True
        elif isinstance(node, cst.Assert):
            if shape_reads.check_assert(self, node):
                return True  # it raises: what follows does not run
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
        if isinstance(target, (cst.Tuple, cst.List)):
            items = containers.known_items(value)  # a tuple's items, an array's rows
            if items is not None and len(items) == len(target.elements):
                names = [
                    (declarations.source(el.value), v) for el, v in zip(target.elements, items)
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
        undecided = len(branches) > 1
        self.frame.undecided += undecided
        try:
            for index, body in enumerate(branches):
                journal = self.store.begin()
                if index < len(preludes):
                    preludes[index]()
                terminated = self.exec_block(body)
                written = self.store.end(journal)
                if not terminated:
                    outcomes.append(written)
        finally:
            self.frame.undecided -= undecided
        if not outcomes:
            return True
        if undecided and len(outcomes) < len(branches):
            self.frame.conditional = True  # only some branches get past this point
        self.store.merge(outcomes)
        return False

    def exec_try(self, node: cst.Try) -> bool:
        journal = self.store.begin()
        if any(_handles_failures(handler) for handler in node.handlers):
            with self.catching_failures():
                body_terminated = self.exec_block(node.body.body)
        else:
            body_terminated = self.exec_block(node.body.body)
        if not body_terminated and node.orelse is not None:
            body_terminated = self.exec_block(node.orelse.body.body)
        after_body = self.store.end(journal)
        outcomes = [] if body_terminated else [after_body]
        self.frame.conditional |= body_terminated and bool(node.handlers)
        for handler in node.handlers:
            self.frame.undecided += 1
            journal = self.store.begin()
            self.store.merge([after_body, {}])  # raised anywhere in the body
            if handler.name is not None:
                self.assign_target(handler.name.name, UNKNOWN)
            terminated = self.exec_block(handler.body.body)
            self.frame.undecided -= 1
            written = self.store.end(journal)
            if not terminated:
                outcomes.append(written)
        if outcomes:
            self.store.merge(outcomes)
        terminated = not outcomes
        if node.finalbody is not None:
            terminated = self.exec_block(node.finalbody.body.body) or terminated
        return terminated

    def exec_augassign(self, node: cst.AugAssign) -> None:
        current = self.eval(node.target)
        right = self.eval(node.value)
        symbol = augmented_symbol(node.operator)
        if isinstance(current, Tensor) and symbol != "@":
            mark = self.failures
            result = ops.elementwise(self, node, f"{symbol}=", current, right, current.framework)
            if self.failures != mark:
                self.assign_target(node.target, Tensor(UNKNOWN_SHAPE, current.framework))
            elif (
                isinstance(result, Tensor)
                and _updates_in_place(current)
                and result.shape.equals(current.shape) is False
            ):
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
                self.assign_target(node.target, Tensor(UNKNOWN_SHAPE, current.framework))
            elif not _updates_in_place(current):
                self.assign_target(node.target, result)  # a new array under the old name
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
                self.assign_name(
                    target.value.value,
                    owner.with_shape(shape if shape is not None else UNKNOWN_SHAPE),
                )
        elif isinstance(target, cst.Subscript):
            owner = self.eval(target.value)
            named = isinstance(target.value, (cst.Name, cst.Attribute))
            if isinstance(owner, (TupleValue, ListOf)) and named:
                self.assign_target(target.value, UNKNOWN)
            elif isinstance(owner, DictValue) and named:
                element = target.slice[0].slice if len(target.slice) == 1 else None
                key = (
                    scalars.dict_key(self.eval(element.value))
                    if isinstance(element, cst.Index)
                    else scalars.NO_KEY
                )
                changed = owner.with_item(key, value) if key is not scalars.NO_KEY else UNKNOWN
                self.assign_target(target.value, changed)
            elif (
                isinstance(owner, Tensor)
                and owner.origin in FIXED
                and isinstance(target.value, cst.Name)
            ):  # ``x[i] = ...`` writes other values into a filled array: no longer a constant
                self.assign_name(target.value.value, replace(owner, origin=None))
        elif isinstance(target, cst.StarredElement):
            self.assign_target(target.value, UNKNOWN)

    def check_shape_unpacking(
        self, target: cst.Tuple | cst.List, shape: Shape, names: int, starred: bool
    ) -> None:
        """``_, _, _, h, w = x.shape`` on a 4-D tensor raises ``ValueError``: a shape of known
        rank unpacks into exactly that many names (at least as many, less the starred one)."""
        rank = len(shape.dims)
        fits = rank >= names - 1 if starred else rank == names
        if not fits:
            wanted = f"at least {names - 1}" if starred else str(names)
            reason = f"a shape of {rank} dims {shape} unpacked into {wanted} names"
            self.emit(OpFailed(target, "unpacking", reason, (shape,)))

    def check_tensor_unpacking(
        self, target: cst.Tuple | cst.List, shape: Shape, names: int, starred: bool
    ) -> None:
        """Unpacking an array yields its rows: as many as its first dim, when that is known."""
        rows = shape.dims[0].value
        if rows is None:
            return
        if rows < names - 1 if starred else rows != names:
            wanted = f"at least {names - 1}" if starred else str(names)
            reason = f"an array {shape} has {rows} rows, unpacked into {wanted} names"
            self.emit(OpFailed(target, "unpacking", reason, (shape,)))

    def unpack(self, target: cst.Tuple | cst.List, value: Value) -> None:
        elements = [e.value for e in target.elements]
        starred = [i for i, e in enumerate(target.elements) if isinstance(e, cst.StarredElement)]
        items: list[Value] | None = None
        if isinstance(value, TupleValue):
            items = list(value.items)
        elif isinstance(value, ShapeValue):
            if not value.shape.variadic:
                items = [IntValue(d) for d in value.shape.dims]
                self.check_shape_unpacking(target, value.shape, len(elements), bool(starred))
        elif isinstance(value, Tensor) and value.shape.rank == 0:
            reason = f"a 0-d array {value.shape} cannot be iterated or unpacked"
            self.emit(OpFailed(target, "unpacking", reason, (value.shape,)))
        elif isinstance(value, ListOf):
            items = [value.item] * len(elements) if not starred else None
        elif isinstance(value, Tensor) and not value.shape.variadic and value.shape.dims:
            self.check_tensor_unpacking(target, value.shape, len(elements), bool(starred))
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


def _updates_in_place(target: Tensor) -> bool:
    """Whether ``x op= y`` writes into ``x`` (so the result must fit back): torch tensors
    and NumPy arrays do; TensorFlow and JAX arrays are immutable and the name is rebound,
    and a 0-d NumPy value may be a NumPy scalar, which is rebound too."""
    if target.framework == "torch":
        return True
    return target.framework == "numpy" and target.shape.rank != 0
