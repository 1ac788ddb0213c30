"""Definitions, classes and instances: `def` and `class` statements, decorators,
the class chain and attribute lookup, instantiation (running `__init__`/`build` and
keeping their attribute records), calling an instance, and analysing a function on its
own with what its annotations declare.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from shapelint.analysis import declarations
from shapelint.analysis.machine import (
    MAX_CALL_DEPTH,
    SAFE_DECORATORS,
    ClassInfo,
    FunctionInfo,
    Machine,
)
from shapelint.analysis.primitives import (
    call_signature,
)
from shapelint.analysis.values import (
    INPUT,
    LEARNED,
    UNKNOWN,
    ClassRef,
    Constant,
    FunctionRef,
    Instance,
    ModuleRef,
    ShapeValue,
    Tensor,
    Value,
    with_origin,
)


class Classes(Machine):
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
        try:  # no call binds its parameters: a default is one possible value, not a fact
            self.run_function(info, key, args, {}, (), has_self, defaults=False)
        finally:
            self.depth = saved_depth

    def generic_instance(self, class_key: int) -> Instance:
        """An instance built with unknown constructor arguments, to analyse methods alone."""
        if class_key not in self.generic_instances:
            instance = Instance(class_key, next(self._ident))
            self.generic_instances[class_key] = instance
            self.instances[instance.ident] = self.new_attributes({})
            init = self.class_lookup(class_key, "__init__")
            if isinstance(init, FunctionRef) and self.functions[init.key].safe:
                # built by no visible call: its __init__ runs with its defaults unknown
                self.analysed.add(init.key)
                self.run_function(
                    self.functions[init.key], init.key, [instance], {}, (), True, defaults=False
                )
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
                shape_arg: Value = (
                    ShapeValue(first.shape, first.lineage) if isinstance(first, Tensor) else UNKNOWN
                )
                self.store.write(attrs, "__built__", Constant(True))
                self.call_function(FunctionRef(build.key, instance), [shape_arg], {}, node)
        # what a module is called on are its activations, whatever made them
        inputs = [
            v if isinstance(v, Tensor) and v.origin == LEARNED else with_origin(v, INPUT)
            for v in positional
        ]
        for name in (("call",) if keras else ("forward",)) + ("__call__",):
            method = self.class_lookup(instance.class_key, name)
            if isinstance(method, FunctionRef):
                return self.call_function(
                    FunctionRef(method.key, instance), inputs, keywords, node, arg_nodes
                )
        return UNKNOWN
