"""The abstract interpreter: runs a module's statements over abstract values.

Scopes are dicts on a stack; module code runs first, function bodies are analysed when they
are called with known arguments (bounded depth, memoised per argument shapes) and once more
on their own afterwards, with what their annotations declare. Branches run on copies of the
scope and join per dimension; loops iterate to a bounded fixed point with events muted, then
run once more to report. Whatever is not modelled evaluates to ``UNKNOWN``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from shapelint.analysis import convert, declarations, frameworks, layers, ops
from shapelint.analysis.events import Event, MatrixProduct, OpFailed
from shapelint.analysis.imports import canonical, is_tracked
from shapelint.analysis.store import MISSING, Snapshot, Store
from shapelint.analysis.values import (
    UNKNOWN,
    BoundMethod,
    ClassRef,
    Constant,
    FunctionRef,
    Instance,
    IntValue,
    Layer,
    ListOf,
    ModuleRef,
    ShapeValue,
    SliceValue,
    Splat,
    SuperRef,
    Tensor,
    TupleValue,
    Value,
    join_values,
    signature_of,
)
from shapelint.shapes import algebra
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

MAX_CALL_DEPTH = 4
LOOP_ITERATIONS = 3
INIT_METHODS = frozenset({"__init__", "build", "setup", "__post_init__"})
SAFE_DECORATORS = frozenset(
    {
        "staticmethod",
        "classmethod",
        "torch.no_grad",
        "torch.inference_mode",
        "torch.enable_grad",
        "jax.jit",
        "tensorflow.function",
        "functools.wraps",
        "torch.jit.script",
        "torch.compile",
        "override",
        "typing.override",
        "abstractmethod",
        "abc.abstractmethod",
    }
)

_BINARY_SYMBOLS: dict[type, str] = {
    cst.Add: "+",
    cst.Subtract: "-",
    cst.Multiply: "*",
    cst.Divide: "/",
    cst.FloorDivide: "//",
    cst.Modulo: "%",
    cst.Power: "**",
    cst.MatrixMultiply: "@",
    cst.BitAnd: "&",
    cst.BitOr: "|",
    cst.BitXor: "^",
    cst.LeftShift: "<<",
    cst.RightShift: ">>",
}
_COMPARE_SYMBOLS: dict[type, str] = {
    cst.LessThan: "<",
    cst.GreaterThan: ">",
    cst.LessThanEqual: "<=",
    cst.GreaterThanEqual: ">=",
    cst.Equal: "==",
    cst.NotEqual: "!=",
}
_FRAMEWORK_OBJECT_METHODS = frozenset(
    {"add_weight", "add_variable", "register_buffer", "register_parameter"}
)
_MODEL_RUNS = frozenset(
    {"fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch"}
)
_NEWAXIS = frozenset({"numpy.newaxis", "jax.numpy.newaxis"})
_LIST_MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"}
)
_BUILTINS = frozenset(
    {
        "len",
        "range",
        "int",
        "tuple",
        "list",
        "zip",
        "enumerate",
        "min",
        "max",
        "super",
        "isinstance",
        "float",
        "print",
        "reversed",
        "sorted",
        "sum",
        "abs",
        "getattr",
        "setattr",
        "hasattr",
        "type",
    }
)


@dataclass
class FunctionInfo:
    node: cst.FunctionDef
    closure: list[dict[str, Value]]
    defaults: dict[str, Value]
    class_key: int | None
    safe: bool  # undecorated, or decorated with a shape-preserving decorator


@dataclass
class ClassInfo:
    node: cst.ClassDef
    bases: list[Value]
    namespace: dict[str, Value]
    unstable: frozenset[str]  # attributes assigned outside the init methods


@dataclass
class Frame:
    """Per-call state: where returns go, dim-name bindings, the method's class and self."""

    returns: list[Value] = field(default_factory=list)
    bindings: dict[str, Dim] = field(default_factory=dict)
    class_key: int | None = None
    self_value: Value | None = None
    return_pattern: Any = None
    loop_exits: list[list[Snapshot]] = field(default_factory=list)
    loop_bases: list[int] = field(default_factory=list)


class Interpreter:
    def __init__(self, module: cst.Module, *, record: bool = False) -> None:
        self.module = module
        self.events: list[Event] = []
        self.muted = 0
        self.functions: list[FunctionInfo] = []
        self.classes: list[ClassInfo] = []
        self.instances: dict[int, dict[str, Value]] = {}
        self.generic_instances: dict[int, Instance] = {}
        self.scopes: list[dict[str, Value]] = [{}]
        self.frame = Frame()
        self.depth = 0
        self.active: set[int] = set()
        self.store = Store()
        self.memo: dict[tuple[Any, ...], Value] = {}
        self.init_memo: dict[tuple[Any, ...], dict[str, Value]] = {}
        self.analysed: set[int] = set()
        self.unstable_globals: set[str] = set()
        self.record = record
        self.recorded: dict[cst.CSTNode, list[tuple[str, Value]]] = {}
        self._ident = itertools.count(1)

    # -- events ------------------------------------------------------------------------
    def emit(self, event: Event) -> None:
        if not self.muted:
            self.events.append(event)

    @contextmanager
    def silenced(self) -> Iterator[None]:
        self.muted += 1
        try:
            yield
        finally:
            self.muted -= 1

    # -- entry -------------------------------------------------------------------------
    def run(self) -> list[Event]:
        self.unstable_globals = declarations.global_names(self.module)
        self.exec_block(self.module.body)
        for key in range(len(self.functions)):
            if key not in self.analysed:
                self.analyse_standalone(key)
        return self.events

    # -- scopes ------------------------------------------------------------------------
    @property
    def scope(self) -> dict[str, Value]:
        return self.scopes[-1]

    def lookup(self, name: str) -> Value:
        for scope in reversed(self.scopes):
            if name in scope:
                if (
                    scope is self.scopes[0]
                    and len(self.scopes) > 1
                    and name in self.unstable_globals
                ):
                    return UNKNOWN
                return scope[name]
        if name in _BUILTINS:
            return ModuleRef(f"builtins.{name}")
        if name in ("True", "False"):
            return Constant(name == "True")
        if name == "None":
            return Constant(None)
        return UNKNOWN

    def assign_name(self, name: str, value: Value) -> None:
        if isinstance(value, Tensor) and value.label is None:
            value = Tensor(
                value.shape,
                value.framework,
                value.weight,
                value.like,
                value.intent,
                name,
                value.lineage,
            )
        self.store.write(self.scope, name, value)

    def scope_write(self, name: str, value: Value) -> None:
        self.store.write(self.scope, name, value)

    # -- statements --------------------------------------------------------------------
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
        if verdict is True:
            return self.run_branches([node.body.body])
        if verdict is False:
            return self.run_branches([other])
        return self.run_branches([node.body.body, other])

    def run_branches(self, branches: Sequence[Sequence[cst.CSTNode]]) -> bool:
        """Run each branch from the same state; join the ones that fall through."""
        outcomes = []
        for body in branches:
            journal = self.store.begin()
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
        symbol = _augmented_symbol(node.operator)
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

    # -- assignment --------------------------------------------------------------------
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
                    value = Tensor(
                        value.shape,
                        value.framework,
                        value.weight,
                        value.like,
                        value.intent,
                        target.attr.value,
                        value.lineage,
                    )
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

    # -- definitions -------------------------------------------------------------------
    def define_function(self, node: cst.FunctionDef, class_key: int | None = None) -> None:
        defaults: dict[str, Value] = {}
        params = node.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
            if param.default is not None:
                defaults[param.name.value] = self.eval(param.default)
        safe = all(self.decorator_name(d) in SAFE_DECORATORS for d in node.decorators)
        info = FunctionInfo(
            node,
            list(self.scopes[:1]) + (self.scopes[1:] if len(self.scopes) > 1 else []),
            defaults,
            class_key,
            safe,
        )
        self.functions.append(info)
        key = len(self.functions) - 1
        value: Value = FunctionRef(key)
        if any(self.decorator_name(d) == "property" for d in node.decorators):
            value = Constant(("property", key))
        self.store.write(self.scope, node.name.value, value)

    def decorator_name(self, decorator: cst.Decorator) -> str:
        expr = decorator.decorator
        if isinstance(expr, cst.Call):
            expr = expr.func
        value = (
            self.eval(expr)
            if not isinstance(expr, cst.Name)
            or expr.value not in ("staticmethod", "classmethod", "property")
            else None
        )
        if isinstance(value, ModuleRef):
            return value.qualname
        return (
            declarations.source(expr).rsplit(".", 1)[-1]
            if value is None or value is UNKNOWN
            else ""
        )

    def define_class(self, node: cst.ClassDef) -> None:
        bases = [self.eval(arg.value) for arg in node.bases]
        info = ClassInfo(node, bases, {}, declarations.unstable_attributes(node))
        self.classes.append(info)
        key = len(self.classes) - 1
        self.store.write(self.scope, node.name.value, ClassRef(key))
        namespace: dict[str, Value] = {}
        self.store.adopt(namespace)
        self.scopes.append(namespace)
        try:
            for statement in node.body.body:
                if isinstance(statement, cst.FunctionDef):
                    self.define_function(statement, key)
                else:
                    self.exec_statement(statement)
        finally:
            self.scopes.pop()
        info.namespace.update(namespace)

    def class_chain(self, key: int) -> list[int]:
        """The class and its local bases, depth first, each once (a class naming itself ends)."""
        order: list[int] = []
        stack = [key]
        while stack:
            current = stack.pop(0)
            if current in order:
                continue
            order.append(current)
            stack.extend(b.key for b in self.classes[current].bases if isinstance(b, ClassRef))
        return order

    def class_bases(self, key: int) -> set[str]:
        names: set[str] = set()
        for current in self.class_chain(key):
            names.update(
                b.qualname for b in self.classes[current].bases if isinstance(b, ModuleRef)
            )
        return names

    def class_lookup(self, key: int, name: str, after: int | None = None) -> Value | None:
        chain = self.class_chain(key)
        if after is not None and after in chain:
            chain = chain[chain.index(after) + 1 :]
        for current in chain:
            if name in self.classes[current].namespace:
                return self.classes[current].namespace[name]
        return None

    # -- calls -------------------------------------------------------------------------
    def call_function(
        self,
        ref: FunctionRef,
        positional: list[Value],
        keywords: dict[str, Value],
        node: cst.CSTNode | None,
        arg_nodes: Sequence[cst.CSTNode] = (),
    ) -> Value:
        info = self.functions[ref.key]
        if not info.safe:
            return UNKNOWN
        if self.depth >= MAX_CALL_DEPTH or ref.key in self.active:
            return declarations.declared_return(self, info) or UNKNOWN
        args = ([ref.bound_self] if ref.bound_self is not None else []) + positional
        signature = call_signature(ref.key, args, keywords)
        if signature in self.memo:
            return self.memo[signature]
        self.analysed.add(ref.key)
        result = self.run_function(
            info, ref.key, args, keywords, arg_nodes, ref.bound_self is not None
        )
        self.memo[signature] = result
        return result

    def run_function(
        self,
        info: FunctionInfo,
        key: int,
        args: list[Value],
        keywords: dict[str, Value],
        arg_nodes: Sequence[cst.CSTNode],
        has_self: bool,
        defaults: bool = True,
    ) -> Value:
        node = info.node
        scope: dict[str, Value] = {}
        self.store.adopt(scope)
        frame = Frame(class_key=info.class_key)
        saved = (self.scopes, self.frame)
        self.scopes = [*info.closure, scope]
        self.frame = frame
        self.depth += 1
        self.active.add(key)
        try:
            self.bind_params(info, args, keywords, arg_nodes, has_self, defaults)
            if self.record and not self.muted:
                params = [
                    *node.params.posonly_params,
                    *node.params.params,
                    *node.params.kwonly_params,
                ]
                named = [(p.name.value, scope.get(p.name.value, UNKNOWN)) for p in params]
                self.note_names(node.name, [(n, v) for n, v in named if isinstance(v, Tensor)])
            frame.return_pattern = declarations.return_pattern(self, node)
            falls_through = not self.exec_block(
                node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
            )
            returns = list(frame.returns)
            if falls_through:
                returns.append(Constant(None))
            if not returns:
                return UNKNOWN  # every path raises
            result = returns[0]
            for other in returns[1:]:
                result = join_values(result, other)
            return result
        finally:
            self.store.forget(scope)
            self.active.discard(key)
            self.depth -= 1
            self.scopes, self.frame = saved

    def bind_params(
        self,
        info: FunctionInfo,
        args: list[Value],
        keywords: dict[str, Value],
        arg_nodes: Sequence[cst.CSTNode],
        has_self: bool,
        defaults: bool = True,
    ) -> None:
        """Arguments to parameters. Without a visible call (``defaults=False``) a default is
        only one possible value, so the parameter stays unknown."""
        params = info.node.params
        fallback = info.defaults if defaults else {}
        positional_params = [*params.posonly_params, *params.params]
        offset = 1 if has_self else 0
        for index, param in enumerate(positional_params):
            name = param.name.value
            node_for_arg = (
                arg_nodes[index - offset] if 0 <= index - offset < len(arg_nodes) else None
            )
            if index < len(args):
                value = args[index]
            elif name in keywords:
                value = keywords.pop(name)
            else:
                value = fallback.get(name, UNKNOWN)
            if index == 0 and has_self:
                self.frame.self_value = value
            elif param.annotation is not None:
                value = declarations.check_annotation(
                    self,
                    param.annotation.annotation,
                    value,
                    node_for_arg,
                    "annotation",
                    seed=True,
                    name=name,
                )
            self.assign_name(name, value)
        if isinstance(params.star_arg, cst.Param):
            rest = args[len(positional_params) :]
            self.assign_name(params.star_arg.name.value, TupleValue(tuple(rest)))
        for param in params.kwonly_params:
            name = param.name.value
            value = keywords.pop(name, fallback.get(name, UNKNOWN))
            if param.annotation is not None:
                value = declarations.check_annotation(
                    self,
                    param.annotation.annotation,
                    value,
                    None,
                    "annotation",
                    seed=True,
                    name=name,
                )
            self.assign_name(name, value)
        if params.star_kwarg is not None:
            self.assign_name(params.star_kwarg.name.value, UNKNOWN)

    def analyse_standalone(self, key: int) -> None:
        """A function on its own: parameters from annotations and literal defaults."""
        info = self.functions[key]
        self.analysed.add(key)
        args: list[Value] = []
        has_self = False
        if info.class_key is not None and not any(
            self.decorator_name(d) == "staticmethod" for d in info.node.decorators
        ):
            if any(self.decorator_name(d) == "classmethod" for d in info.node.decorators):
                args = [ClassRef(info.class_key)]
            else:
                args = [self.generic_instance(info.class_key)]
            has_self = True
        saved_depth = self.depth
        self.depth = max(self.depth, MAX_CALL_DEPTH - 2)
        try:
            init = info.class_key is not None and info.node.name.value in INIT_METHODS
            self.run_function(info, key, args, {}, (), has_self, defaults=init)
        finally:
            self.depth = saved_depth

    def generic_instance(self, class_key: int) -> Instance:
        """An instance built with unknown constructor arguments, to analyse methods alone."""
        if class_key not in self.generic_instances:
            instance = Instance(class_key, next(self._ident))
            self.generic_instances[class_key] = instance
            self.instances[instance.ident] = self.new_attributes({})
            init = self.class_lookup(class_key, "__init__")
            if isinstance(init, FunctionRef):
                self.call_function(FunctionRef(init.key, instance), [], {}, None)
        return self.generic_instances[class_key]

    def attributes(self, instance: Instance) -> dict[str, Value]:
        if instance.ident not in self.instances:
            self.instances[instance.ident] = self.new_attributes({})
        return self.instances[instance.ident]

    def new_attributes(self, attrs: dict[str, Value]) -> dict[str, Value]:
        """An instance's attribute dict, made now (open branches need not undo it)."""
        self.store.adopt(attrs)
        return attrs

    def instantiate(
        self, ref: ClassRef, positional: list[Value], keywords: dict[str, Value], node: cst.CSTNode
    ) -> Value:
        """A new instance; ``__init__`` runs once per class and argument shapes, and later
        instances with the same arguments copy its attributes (modules build many alike)."""
        instance = Instance(ref.key, next(self._ident))
        key = call_signature(ref.key, positional, keywords)
        if key in self.init_memo:
            self.instances[instance.ident] = self.new_attributes(dict(self.init_memo[key]))
            return instance
        self.instances[instance.ident] = self.new_attributes({})
        init = self.class_lookup(ref.key, "__init__")
        if isinstance(init, FunctionRef):
            self.call_function(FunctionRef(init.key, instance), positional, dict(keywords), node)
        self.init_memo[key] = dict(self.instances.get(instance.ident, {}))
        return instance

    def call_instance(
        self,
        instance: Instance,
        positional: list[Value],
        keywords: dict[str, Value],
        node: cst.CSTNode,
        arg_nodes: Sequence[cst.CSTNode],
    ) -> Value:
        attrs = self.attributes(instance)
        bases = self.class_bases(instance.class_key)
        keras = any(b.startswith("keras.") for b in bases)
        if keras:
            build = self.class_lookup(instance.class_key, "build")
            if isinstance(build, FunctionRef) and "__built__" not in attrs and positional:
                first = positional[0]
                shape_arg: Value = ShapeValue(first.shape) if isinstance(first, Tensor) else UNKNOWN
                self.store.write(attrs, "__built__", Constant(True))
                self.call_function(FunctionRef(build.key, instance), [shape_arg], {}, node)
        for name in (("call",) if keras else ("forward",)) + ("__call__",):
            method = self.class_lookup(instance.class_key, name)
            if isinstance(method, FunctionRef):
                return self.call_function(
                    FunctionRef(method.key, instance), positional, keywords, node, arg_nodes
                )
        return UNKNOWN

    # -- expressions -------------------------------------------------------------------
    def eval(self, node: cst.BaseExpression) -> Value:
        method = getattr(self, "eval_" + type(node).__name__, None)
        if method is None:
            return UNKNOWN
        return method(node)  # type: ignore[no-any-return]

    def eval_Name(self, node: cst.Name) -> Value:
        return self.lookup(node.value)

    def eval_Integer(self, node: cst.Integer) -> Value:
        try:
            return IntValue(Dim.of(int(node.value.replace("_", ""), 0)))
        except ValueError:
            return IntValue(Dim.of(int(node.value.replace("_", "").lstrip("0") or "0")))

    def eval_Float(self, node: cst.Float) -> Value:
        return Constant(0.0)

    def eval_Imaginary(self, node: cst.Imaginary) -> Value:
        return Constant(0j)

    def eval_SimpleString(self, node: cst.SimpleString) -> Value:
        try:
            value = node.evaluated_value
        except Exception:
            return UNKNOWN
        return Constant(value) if isinstance(value, str) else UNKNOWN

    def eval_ConcatenatedString(self, node: cst.ConcatenatedString) -> Value:
        left, right = self.eval(node.left), self.eval(node.right)
        if (
            isinstance(left, Constant)
            and isinstance(right, Constant)
            and isinstance(left.value, str)
            and isinstance(right.value, str)
        ):
            return Constant(left.value + right.value)
        return UNKNOWN

    def eval_Ellipsis(self, node: cst.Ellipsis) -> Value:
        return Constant(...)

    def eval_Tuple(self, node: cst.Tuple) -> Value:
        return self.sequence(node.elements, False)

    def eval_List(self, node: cst.List) -> Value:
        return self.sequence(node.elements, True)

    def sequence(self, elements: Sequence[cst.BaseElement], is_list: bool) -> Value:
        items: list[Value] = []
        for element in elements:
            value = self.eval(element.value)
            if isinstance(element, cst.StarredElement):
                if isinstance(value, TupleValue):
                    items.extend(value.items)
                elif isinstance(value, ShapeValue) and not value.shape.variadic:
                    items.extend(IntValue(d) for d in value.shape.dims)
                else:
                    return UNKNOWN
            else:
                items.append(value)
        return TupleValue(tuple(items), is_list)

    def eval_Set(self, node: cst.Set) -> Value:
        for element in node.elements:
            self.eval(element.value)
        return UNKNOWN

    def eval_Dict(self, node: cst.Dict) -> Value:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self.eval(element.value)
        return UNKNOWN

    def eval_IfExp(self, node: cst.IfExp) -> Value:
        verdict = truth(self.eval(node.test))
        if verdict is True:
            return self.eval(node.body)
        if verdict is False:
            return self.eval(node.orelse)
        return join_values(self.eval(node.body), self.eval(node.orelse))

    def eval_NamedExpr(self, node: cst.NamedExpr) -> Value:
        value = self.eval(node.value)
        self.assign_target(node.target, value)
        return value

    def eval_Lambda(self, node: cst.Lambda) -> Value:
        return UNKNOWN

    def eval_BooleanOperation(self, node: cst.BooleanOperation) -> Value:
        left = truth(self.eval(node.left))
        is_and = isinstance(node.operator, cst.And)
        if left is (not is_and):
            return Constant(left)  # short-circuit: the right side does not run
        right = truth(self.eval(node.right))
        if left is not None and right is not None:
            return Constant(left and right if is_and else left or right)
        if is_and and False in (left, right) or not is_and and True in (left, right):
            return Constant(not is_and)
        return UNKNOWN

    def eval_UnaryOperation(self, node: cst.UnaryOperation) -> Value:
        value = self.eval(node.expression)
        if isinstance(node.operator, cst.Minus) and isinstance(value, IntValue):
            return IntValue(Dim.of(0) - value.dim)
        if isinstance(node.operator, cst.Plus) and isinstance(value, IntValue):
            return value
        if isinstance(node.operator, cst.Not):
            verdict = truth(value)
            return Constant(not verdict) if verdict is not None else UNKNOWN
        if isinstance(value, Tensor):
            return value
        if isinstance(value, Constant) and isinstance(value.value, float):
            return value
        return UNKNOWN

    def eval_BinaryOperation(self, node: cst.BinaryOperation) -> Value:
        left = self.eval(node.left)
        right = self.eval(node.right)
        return self.binary(node, _BINARY_SYMBOLS.get(type(node.operator), "?"), left, right)

    def binary(self, node: cst.CSTNode, symbol: str, left: Value, right: Value) -> Value:
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            if symbol == "@":
                return self.matmul(node, left, right)
            framework = tensor_framework(left, right)
            if isinstance(left, ShapeValue) or isinstance(right, ShapeValue):
                return Tensor(UNKNOWN_SHAPE, framework)
            return ops.elementwise(self, node, symbol, left, right, framework)
        if isinstance(left, IntValue) and isinstance(right, IntValue):
            return int_arithmetic(symbol, left.dim, right.dim)
        if (
            isinstance(left, (TupleValue, ShapeValue))
            and isinstance(right, (TupleValue, ShapeValue))
            and symbol == "+"
        ):
            return concat_shapes(left, right)
        if isinstance(left, TupleValue) and isinstance(right, IntValue) and symbol == "*":
            count = right.dim.value
            if count is not None and 0 <= count <= 64:
                return TupleValue(left.items * count, left.is_list)
        if isinstance(left, (IntValue, Constant)) and isinstance(right, (IntValue, Constant)):
            return Constant(0.0) if symbol == "/" else UNKNOWN
        return UNKNOWN

    def matmul(self, node: cst.CSTNode, left: Value, right: Value) -> Value:
        base = left if isinstance(left, Tensor) else right
        assert isinstance(base, Tensor)
        # an operand of `@` beside a tensor is array-like even when nothing else is known
        lt = (
            convert.literal_tensor(left)
            if left is not UNKNOWN
            else Tensor(UNKNOWN_SHAPE, base.framework)
        )
        rt = (
            convert.literal_tensor(right)
            if right is not UNKNOWN
            else Tensor(UNKNOWN_SHAPE, base.framework)
        )
        if lt is None or rt is None:
            return Tensor(UNKNOWN_SHAPE, base.framework)
        try:
            result: Shape | None = algebra.matmul(lt.shape, rt.shape)
        except ShapeError as error:
            self.emit(
                OpFailed(
                    node, "@", error.reason, (lt.shape, rt.shape), ("matmul", (lt.shape, rt.shape))
                )
            )
            result = None
        if isinstance(left, Tensor) and isinstance(right, Tensor):
            self.emit(MatrixProduct(node, "@", lt, rt, result))
        return Tensor(result or UNKNOWN_SHAPE, base.framework)

    def eval_Comparison(self, node: cst.Comparison) -> Value:
        left = self.eval(node.left)
        result: Value = UNKNOWN
        verdicts: list[bool | None] = []
        for target in node.comparisons:
            right = self.eval(target.comparator)
            symbol = _COMPARE_SYMBOLS.get(type(target.operator))
            if symbol is not None and (isinstance(left, Tensor) or isinstance(right, Tensor)):
                result = ops.elementwise(
                    self,
                    node,
                    symbol,
                    left,
                    right,
                    tensor_framework(left, right),
                )
                verdicts.append(None)
            else:
                verdicts.append(compare(target.operator, left, right))
            left = right
        if isinstance(result, Tensor):
            return result
        if all(v is True for v in verdicts):
            return Constant(True)
        if False in verdicts:
            return Constant(False)
        return UNKNOWN

    def eval_Attribute(self, node: cst.Attribute) -> Value:
        owner = self.eval(node.value)
        return self.attribute(owner, node.attr.value)

    def attribute(self, owner: Value, name: str) -> Value:
        if isinstance(owner, ModuleRef):
            qualname = canonical(f"{owner.qualname}.{name}")
            return Constant(None) if qualname in _NEWAXIS else ModuleRef(qualname)
        if isinstance(owner, Tensor):
            return tensor_attribute(owner, name)
        if isinstance(owner, ShapeValue) and name == "rank":
            return IntValue(
                Dim.of(owner.shape.rank) if owner.shape.rank is not None else UNKNOWN_DIM
            )
        if isinstance(owner, Instance):
            attrs = self.instances.get(owner.ident, {})
            if any(name in self.classes[k].unstable for k in self.class_chain(owner.class_key)):
                return UNKNOWN
            if name in attrs:
                return attrs[name]
            found = self.class_lookup(owner.class_key, name)
            if isinstance(found, FunctionRef):
                return FunctionRef(found.key, owner)
            if (
                isinstance(found, Constant)
                and isinstance(found.value, tuple)
                and found.value[:1] == ("property",)
            ):
                return UNKNOWN
            if found is None and name in _FRAMEWORK_OBJECT_METHODS:
                return BoundMethod(owner, name)
            return found if found is not None else UNKNOWN
        if isinstance(owner, SuperRef):
            found = self.class_lookup(owner.instance.class_key, name, after=owner.class_key)
            if isinstance(found, FunctionRef):
                return FunctionRef(found.key, owner.instance)
            return UNKNOWN
        if isinstance(owner, ClassRef):
            found = self.class_lookup(owner.key, name)
            return found if isinstance(found, FunctionRef) else UNKNOWN
        if isinstance(owner, (TupleValue, ListOf)) and name in _LIST_MUTATORS:
            return BoundMethod(owner, name)
        if isinstance(owner, Layer):
            if (
                name in ("add", "append", "extend", "insert")
                or name in _MODEL_RUNS
                and owner.kind == "sequential"
            ):
                return BoundMethod(owner, name)
            return layers.layer_attribute(owner, name)
        return UNKNOWN

    def eval_Subscript(self, node: cst.Subscript) -> Value:
        owner = self.eval(node.value)
        if isinstance(owner, ModuleRef):
            return UNKNOWN
        keys = [self.subscript_key(element.slice) for element in node.slice]
        if isinstance(owner, Tensor):
            return self.index_tensor(node, owner, keys)
        if len(keys) != 1:
            return UNKNOWN
        key = keys[0]
        if isinstance(owner, ShapeValue):
            return index_shape(owner.shape, key)
        if isinstance(owner, TupleValue):
            return index_tuple(owner, key)
        if isinstance(owner, ListOf):
            return owner.item if isinstance(key, IntValue) else owner
        if (
            isinstance(owner, Layer)
            and owner.kind in ("sequential", "module_list")
            and isinstance(key, IntValue)
        ):
            items = layers.sequence_layers(owner) or layers.module_items(owner)
            index = key.dim.value
            if items is not None and index is not None and -len(items) <= index < len(items):
                return items[index]
        return UNKNOWN

    def subscript_key(self, element: cst.BaseSlice) -> Value:
        if isinstance(element, cst.Index):
            return self.eval(element.value)
        assert isinstance(element, cst.Slice)
        parts = [
            self.eval(p) if p is not None else Constant(None)
            for p in (element.lower, element.upper, element.step)
        ]
        return SliceValue(parts[0], parts[1], parts[2])

    def index_tensor(self, node: cst.CSTNode, tensor: Tensor, keys: list[Value]) -> Value:
        items: list[object] = []
        intent = False
        for key in keys:
            if isinstance(key, IntValue):
                items.append(key.dim.value if key.dim.value is not None else key.dim)
            elif isinstance(key, Constant) and key.value is None:
                items.append(None)
                intent = True
            elif isinstance(key, Constant) and key.value is Ellipsis:
                items.append(Ellipsis)
            elif isinstance(key, SliceValue):
                items.append(to_slice(key))
            elif (
                isinstance(key, TupleValue)
                and all(isinstance(i, IntValue) for i in key.items)
                and key.is_list
            ):
                items.append(algebra.ArrayIndex(Shape.of(len(key.items))))
            else:
                return tensor.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
        try:
            shape = algebra.index(tensor.shape, items)
        except ShapeError as error:
            self.emit(OpFailed(node, "[]", error.reason, (tensor.shape,)))
            return tensor.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
        return tensor.with_shape(shape, intent=intent or tensor.intent, keep_lineage=False)

    def eval_GeneratorExp(self, node: cst.GeneratorExp) -> Value:
        return self.comprehension(node.for_in, node.elt)

    def eval_ListComp(self, node: cst.ListComp) -> Value:
        return self.comprehension(node.for_in, node.elt)

    def eval_SetComp(self, node: cst.SetComp) -> Value:
        self.comprehension(node.for_in, node.elt)
        return UNKNOWN

    def eval_DictComp(self, node: cst.DictComp) -> Value:
        return UNKNOWN

    def comprehension(self, for_in: cst.CompFor, element: cst.BaseExpression) -> Value:
        iterable = self.eval(for_in.iter)
        comprehension_scope: dict[str, Value] = dict(self.scope) if len(self.scopes) > 1 else {}
        self.store.adopt(comprehension_scope)
        self.scopes.append(comprehension_scope)
        try:
            clause: cst.CompFor | None = for_in
            value_of_iter = iterable
            while clause is not None:
                self.assign_target(clause.target, iteration_value(value_of_iter))
                for condition in clause.ifs:
                    self.eval(condition.test)
                clause = clause.inner_for_in
                if clause is not None:
                    value_of_iter = self.eval(clause.iter)
            item = self.eval(element)
        finally:
            self.scopes.pop()
        return ListOf(item) if item is not UNKNOWN else UNKNOWN

    def eval_Call(self, node: cst.Call) -> Value:
        callee = self.eval(node.func)
        positional: list[Value] = []
        keywords: dict[str, Value] = {}
        arg_nodes: list[cst.CSTNode] = []
        opaque = False
        for arg in node.args:
            value = self.eval(arg.value)
            if arg.star == "*":
                if isinstance(value, TupleValue):
                    positional.extend(value.items)
                elif isinstance(value, ShapeValue) and not value.shape.variadic:
                    positional.extend(IntValue(d) for d in value.shape.dims)
                else:
                    positional.append(Splat(value))
                    opaque = opaque or not isinstance(value, ShapeValue)
            elif arg.star == "**":
                opaque = True
            elif arg.keyword is not None:
                keywords[arg.keyword.value] = value
            else:
                positional.append(value)
                arg_nodes.append(arg.value)
        return self.call(node, callee, positional, keywords, arg_nodes, opaque)

    def call(
        self,
        node: cst.Call,
        callee: Value,
        positional: list[Value],
        keywords: dict[str, Value],
        arg_nodes: list[cst.CSTNode],
        opaque: bool,
    ) -> Value:
        if isinstance(callee, ModuleRef):
            return self.call_module_ref(node, callee, positional, keywords, opaque)
        if isinstance(callee, BoundMethod):
            return self.call_method(node, callee, positional, keywords, opaque)
        if opaque:
            return UNKNOWN
        if isinstance(callee, FunctionRef):
            return self.call_function(callee, positional, keywords, node, arg_nodes)
        if isinstance(callee, ClassRef):
            return self.instantiate(callee, positional, keywords, node)
        if isinstance(callee, Instance):
            return self.call_instance(callee, positional, keywords, node, arg_nodes)
        if isinstance(callee, Layer):
            return layers.apply_layer(self, node, callee, positional, keywords)
        return UNKNOWN

    def call_module_ref(
        self,
        node: cst.Call,
        callee: ModuleRef,
        positional: list[Value],
        keywords: dict[str, Value],
        opaque: bool,
    ) -> Value:
        qualname = callee.qualname
        if qualname.startswith("builtins."):
            return self.call_builtin(node, qualname[len("builtins.") :], positional, keywords)
        display = declarations.source(node.func)
        found = frameworks.function_spec(qualname)
        if found is not None:
            spec, framework = found
            if opaque:
                return Tensor(UNKNOWN_SHAPE, framework) if framework else UNKNOWN
            args, varargs = ops.bind(spec, positional, keywords)
            call = ops.Call(self, node, display, qualname, spec, framework, args, varargs)
            return apply_kind(call)
        found_layer = frameworks.layer_spec(qualname)
        if found_layer is not None:
            spec_l, framework = found_layer
            if opaque:
                return UNKNOWN
            return layers.make_layer(
                spec_l, framework, declarations.source(node), positional, keywords
            )
        return UNKNOWN

    def call_method(
        self,
        node: cst.Call,
        method: BoundMethod,
        positional: list[Value],
        keywords: dict[str, Value],
        opaque: bool,
    ) -> Value:
        receiver = method.receiver
        if isinstance(receiver, Instance):
            return self.call_object_method(receiver, method.name, positional, keywords)
        if isinstance(receiver, (TupleValue, ListOf)):
            if isinstance(node.func, cst.Attribute):
                self.assign_target(node.func.value, UNKNOWN)  # the list changed length
            return UNKNOWN
        if isinstance(receiver, Layer) and method.name in _MODEL_RUNS:
            outputs = layers.apply_layer(self, node, receiver, positional[:1], {})
            return outputs if method.name.startswith("predict") else UNKNOWN
        if isinstance(receiver, Layer):
            if isinstance(node.func, cst.Attribute):
                grows = (
                    receiver.kind == "sequential"
                    and method.name in ("add", "append")
                    and len(positional) == 1
                )
                changed = layers.with_added_layer(receiver, positional[0]) if grows else UNKNOWN
                self.assign_target(node.func.value, changed)
            return Constant(None)
        if not isinstance(receiver, Tensor):
            return UNKNOWN
        spec = tensor_method(receiver.framework, method.name)
        if spec is None:
            return UNKNOWN
        if spec.kind == "invalidate":
            if isinstance(node.func, cst.Attribute):
                self.assign_target(node.func.value, receiver.with_shape(UNKNOWN_SHAPE))
            return receiver.with_shape(UNKNOWN_SHAPE)
        if opaque:
            return Tensor(UNKNOWN_SHAPE, receiver.framework)
        args, varargs = ops.bind(spec, [receiver, *positional], keywords)
        qualname = (
            f"{'jax.numpy' if receiver.framework == 'jax' else receiver.framework}.{method.name}"
        )
        call = ops.Call(
            self,
            node,
            declarations.source(node.func),
            qualname,
            spec,
            receiver.framework,
            args,
            varargs,
        )
        return apply_kind(call)

    def call_object_method(
        self, instance: Instance, name: str, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        """Methods a layer inherits from the framework: weights and buffers it registers."""
        if name in ("add_weight", "add_variable"):
            shape_value = keywords.get("shape")
            if shape_value is None:
                shape_value = next((p for p in positional if not isinstance(p, Constant)), None)
            shape = convert.as_shape(shape_value) if shape_value is not None else None
            return Tensor(shape or UNKNOWN_SHAPE, "keras", weight=True)
        if name in ("register_buffer", "register_parameter") and len(positional) >= 2:
            label = positional[0]
            value = positional[1]
            if isinstance(label, Constant) and isinstance(label.value, str):
                if isinstance(value, Tensor) and name == "register_parameter":
                    value = Tensor(
                        value.shape,
                        value.framework,
                        True,
                        value.like,
                        value.intent,
                        label.value,
                        value.lineage,
                    )
                self.store.write(self.attributes(instance), label.value, value)
        return Constant(None)

    def call_builtin(
        self, node: cst.Call, name: str, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        first = positional[0] if positional else UNKNOWN
        if name == "len":
            return declarations.length_of(self, node, first)
        if name == "range":
            return ListOf(IntValue(UNKNOWN_DIM))
        if name in ("int",) and isinstance(first, IntValue):
            return first
        if name in ("tuple", "list"):
            if isinstance(first, ShapeValue):
                return first if not first.shape.variadic else first
            if isinstance(first, TupleValue):
                return TupleValue(first.items, name == "list")
            return UNKNOWN
        if name in ("zip", "enumerate", "reversed", "sorted"):
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


# objects that are truthy whatever they hold (a tensor's truth depends on its values)
_ALWAYS_TRUE = (Instance, Layer, ModuleRef, FunctionRef, ClassRef, BoundMethod)


def truth(value: Value) -> bool | None:
    """The truth of a value when it is known; a tensor's is never known."""
    if isinstance(value, Constant):
        if value.value is None or isinstance(value.value, (bool, str)):
            return bool(value.value)
        return None
    if isinstance(value, IntValue):
        return bool(value.dim.value) if value.dim.value is not None else None
    if isinstance(value, TupleValue):
        return bool(value.items)
    if isinstance(value, _ALWAYS_TRUE):
        return True
    return None


def compare(operator: cst.BaseCompOp, left: Value, right: Value) -> bool | None:
    """``is None`` and comparisons of known ints; None when it depends on what is unknown."""
    if isinstance(operator, (cst.Is, cst.IsNot)):
        left_none = _is_none(left)
        right_none = _is_none(right)
        if left_none is None or right_none is None or not (left_none or right_none):
            return None
        same = left_none == right_none
        return same if isinstance(operator, cst.Is) else not same
    if isinstance(left, IntValue) and isinstance(right, IntValue):
        a, b = left.dim.value, right.dim.value
        if a is None or b is None:
            if isinstance(operator, (cst.Equal, cst.NotEqual)):
                equal = left.dim.equals(right.dim)
                if equal is not None:
                    return equal if isinstance(operator, cst.Equal) else not equal
            return None
        table = {
            cst.LessThan: a < b,
            cst.GreaterThan: a > b,
            cst.LessThanEqual: a <= b,
            cst.GreaterThanEqual: a >= b,
            cst.Equal: a == b,
            cst.NotEqual: a != b,
        }
        return table.get(type(operator))
    return None


def _is_none(value: Value) -> bool | None:
    if isinstance(value, Constant):
        return value.value is None
    if isinstance(
        value,
        (
            Tensor,
            Instance,
            Layer,
            IntValue,
            TupleValue,
            ModuleRef,
            FunctionRef,
            ClassRef,
            ShapeValue,
        ),
    ):
        return False
    return None


def call_signature(
    key: int, positional: list[Value], keywords: dict[str, Value]
) -> tuple[Any, ...]:
    """What a call's result depends on: the callee and the arguments' shapes and facts."""
    return (
        key,
        tuple(signature_of(a) for a in positional),
        tuple(sorted((k, signature_of(v)) for k, v in keywords.items())),
    )


def apply_kind(call: ops.Call) -> Value:
    impl = ops.KINDS.get(call.spec.kind) or layers.FUNCTION_KINDS.get(call.spec.kind)
    if impl is None:
        return call.unknown()
    return impl(call)


def tensor_method(framework: str, name: str) -> frameworks.Op | None:
    """The method model; for a tensor of unknown framework only where the frameworks agree."""
    if framework in ("numpy", "torch", "tensorflow", "keras", "jax"):
        return frameworks.method_spec(framework, name)
    torch_spec = frameworks.method_spec("torch", name)
    numpy_spec = frameworks.method_spec("numpy", name)
    if torch_spec is not None and numpy_spec is not None:
        return torch_spec if torch_spec == numpy_spec else None
    return torch_spec or numpy_spec


def tensor_attribute(tensor: Tensor, name: str) -> Value:
    shape = tensor.shape
    if name == "shape":
        return ShapeValue(shape)
    if name == "ndim":
        return IntValue(Dim.of(shape.rank) if shape.rank is not None else UNKNOWN_DIM)
    if name == "size" and tensor.framework in ("numpy", "jax"):
        return IntValue(shape.numel())
    if name == "T":
        if tensor.framework == "torch" and shape.rank is not None and shape.rank > 2:
            return tensor.with_shape(UNKNOWN_SHAPE)
        return tensor.with_shape(algebra.reverse_dims(shape))
    if name in ("mT", "mH"):
        try:
            return tensor.with_shape(algebra.matrix_transpose(shape))
        except ShapeError:
            return tensor.with_shape(UNKNOWN_SHAPE)
    if name in ("data", "grad", "real", "imag"):
        return tensor
    if tensor_method(tensor.framework, name) is not None:
        return BoundMethod(tensor, name)
    return UNKNOWN


def tensor_framework(*values: Value) -> str:
    """The framework of the first tensor among ``values``."""
    return next((v.framework for v in values if isinstance(v, Tensor)), "unknown")


def to_slice(key: SliceValue) -> object:
    bounds = [
        convert.as_int(v) if not convert.is_none(v) else None
        for v in (key.start, key.stop, key.step)
    ]
    for raw, bound in zip((key.start, key.stop, key.step), bounds):
        if bound is None and not convert.is_none(raw):
            return algebra.Slice.unknown()
    start, stop, step = bounds
    return algebra.Slice(start, stop, step)


def index_shape(shape: Shape, key: Value) -> Value:
    if isinstance(key, IntValue):
        index = key.dim.value
        return IntValue(shape[index]) if index is not None else IntValue(UNKNOWN_DIM)
    if isinstance(key, SliceValue):
        bounds = [
            convert.as_int(v) if not convert.is_none(v) else None
            for v in (key.start, key.stop, key.step)
        ]
        start, stop, step = bounds
        if any(
            b is None and not convert.is_none(raw)
            for b, raw in zip(bounds, (key.start, key.stop, key.step))
        ) or step not in (None, 1):
            return UNKNOWN
        if not shape.variadic:
            return ShapeValue(Shape(shape.dims[start:stop]))
        n = len(shape.dims)
        if start is None and stop is not None and stop < 0 and -stop <= n:
            return ShapeValue(Shape(shape.dims[:stop], True))
        if stop is None and start is not None and start < 0 and -start <= n:
            return ShapeValue(Shape(shape.dims[start:]))
    return UNKNOWN


def index_tuple(owner: TupleValue, key: Value) -> Value:
    if isinstance(key, IntValue) and key.dim.value is not None:
        index = key.dim.value
        if -len(owner.items) <= index < len(owner.items):
            return owner.items[index]
        return UNKNOWN
    if isinstance(key, SliceValue):
        bounds = [
            convert.as_int(v) if not convert.is_none(v) else None
            for v in (key.start, key.stop, key.step)
        ]
        if any(
            b is None and not convert.is_none(raw)
            for b, raw in zip(bounds, (key.start, key.stop, key.step))
        ):
            return UNKNOWN
        return TupleValue(owner.items[slice(*bounds)], owner.is_list)
    return UNKNOWN


def concat_shapes(left: TupleValue | ShapeValue, right: TupleValue | ShapeValue) -> Value:
    if isinstance(left, TupleValue) and isinstance(right, TupleValue):
        return TupleValue(left.items + right.items, left.is_list)
    lshape = left.shape if isinstance(left, ShapeValue) else convert.as_shape(left)
    rshape = right.shape if isinstance(right, ShapeValue) else convert.as_shape(right)
    if lshape is None or rshape is None or rshape.variadic:
        return UNKNOWN
    return ShapeValue(Shape(lshape.dims + rshape.dims, lshape.variadic))


def int_arithmetic(symbol: str, a: Dim, b: Dim) -> Value:
    if symbol == "+":
        return IntValue(a + b)
    if symbol == "-":
        return IntValue(a - b)
    if symbol == "*":
        return IntValue(a * b)
    if symbol == "//":
        return IntValue(a // b)
    if symbol == "%" and a.value is not None and b.value:
        return IntValue(Dim.of(a.value % b.value))
    if (
        symbol == "**"
        and a.value is not None
        and b.value is not None
        and 0 <= b.value <= 64
        and abs(a.value) < 2**31
    ):
        result = a.value**b.value
        return IntValue(Dim.of(result)) if abs(result) < 2**63 else IntValue(UNKNOWN_DIM)
    if symbol == "/":
        return Constant(0.0)
    return IntValue(UNKNOWN_DIM)


def _augmented_symbol(operator: cst.BaseAugOp) -> str:
    name = type(operator).__name__.removesuffix("Assign")
    for kind, symbol in _BINARY_SYMBOLS.items():
        if kind.__name__ == name:
            return symbol
    return "?"


def iteration_value(value: Value) -> Value:
    """What a ``for`` loop binds when iterating over ``value``."""
    if isinstance(value, ListOf):
        return value.item
    if isinstance(value, TupleValue) and value.items:
        result = value.items[0]
        for item in value.items[1:]:
            result = join_values(result, item)
        return result
    if isinstance(value, Tensor):
        if value.shape.variadic or not value.shape.dims:
            return Tensor(UNKNOWN_SHAPE, value.framework)
        return value.with_shape(Shape(value.shape.dims[1:]), keep_lineage=False)
    if isinstance(value, Layer) and value.kind in ("module_list", "sequential"):
        items = layers.sequence_layers(value) or layers.module_items(value)
        if items:
            return iteration_value(TupleValue(tuple(items)))
    return UNKNOWN


def analyse(module: cst.Module, text: str = "") -> list[Event]:
    """Every event the module's code produces."""
    return Interpreter(module).run()
