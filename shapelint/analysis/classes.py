"""Definitions, classes and instances: `def` and `class` statements, decorators,
the class chain and attribute lookup, instantiation (running `__init__`/`build` and
keeping their attribute records), calling an instance, and analysing a function on its
own with what its annotations declare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from shapelint.analysis import declarations
from shapelint.analysis.frameworks.jax_libraries import MODULE_BASES
from shapelint.analysis.keras_callables import LOSS_BASES
from shapelint.analysis.machine import (
    MAX_CALL_DEPTH,
    SAFE_DECORATORS,
    ClassInfo,
    FunctionInfo,
    Machine,
    call_site,
)
from shapelint.analysis.primitives import (
    call_signature,
)
from shapelint.analysis.records import INIT_METHODS
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
    Splat,
    Tensor,
    Value,
    with_origin,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE


class Classes(Machine):
    def define_function(self, node: cst.FunctionDef, class_key: int | None = None) -> None:
        self.store.write(self.scope, node.name.value, self.function_value(node, class_key))

    def function_value(self, node: cst.FunctionDef, class_key: int | None) -> Value:
        """What a ``def`` binds its name to: the function, as its decorators return it.

        A decorator known to keep the signature is skipped; any other is called with the
        function (a local decorator's wrapper, ``functools.partial(jax.jit, ...)``), so the
        body is still analysed whenever the wrapper calls it; one whose result is not known
        leaves the name unknown (the body is still analysed on its own)."""
        defaults: dict[str, Value] = {}
        params = node.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
            if param.default is not None:
                defaults[param.name.value] = self.eval(param.default)
        info = FunctionInfo(
            node,
            list(self.scopes[:1]) + (self.scopes[1:] if len(self.scopes) > 1 else []),
            defaults,
            class_key,
            True,
        )
        self.functions.append(info)
        key = len(self.functions) - 1
        names = [self.decorator_name(d) for d in node.decorators]
        if "property" in names:
            return Constant(("property", key))
        value: Value = FunctionRef(key)
        for decorator, name in reversed(list(zip(node.decorators, names))):
            if name not in SAFE_DECORATORS and value is not UNKNOWN:
                value = self.decorate(decorator, value)
        return value

    def decorate(self, decorator: cst.Decorator, function: Value) -> Value:
        applied = self.eval(decorator.decorator)
        if applied is UNKNOWN:
            return UNKNOWN
        # the decorator is called as ``decorator(function)``: a call node that names it
        call = cst.Call(decorator.decorator)
        return self.call(call, applied, [function], {}, [], False)

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
        helpers = init_helpers(node, self.module_text())
        info = ClassInfo(node, bases, {}, declarations.unstable_attributes(node, helpers))
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
            attributes, events = self.init_memo[key]
            self.instances[instance.ident] = self.new_attributes(dict(attributes))
            self.replay(events, call_site(node, positional, keywords))
            return instance
        self.instances[instance.ident] = self.new_attributes({})
        init = self.class_lookup(ref.key, "__init__")
        fields = self.dataclass_fields(ref.key) if init is None else None
        with self.recording(call_site(node, positional, keywords)) as recorded:
            if isinstance(init, FunctionRef):
                method = FunctionRef(init.key, instance)
                self.call_function(method, positional, dict(keywords), None)
            elif fields is not None:
                self.bind_fields(instance, fields, positional, keywords, node)
        self.init_memo[key] = (dict(self.instances.get(instance.ident, {})), tuple(recorded))
        return instance

    def dataclass_fields(self, key: int) -> list[str] | None:
        """The annotated fields a dataclass-like class (``@dataclass``, a Flax or Equinox
        module) is constructed from, bases first; None for any other class."""
        chain = self.class_chain(key)
        decorated = any(
            self.decorator_name(d) == "dataclass"
            for k in chain
            for d in self.classes[k].node.decorators
        )
        if not decorated and not self.class_bases(key) & MODULE_BASES:
            return None
        fields: list[str] = []
        for k in reversed(chain):
            for statement in self.classes[k].node.body.body:
                if not isinstance(statement, cst.SimpleStatementLine):
                    continue
                for small in statement.body:
                    if (
                        isinstance(small, cst.AnnAssign)
                        and isinstance(small.target, cst.Name)
                        and "ClassVar" not in declarations.source(small.annotation.annotation)
                        and small.target.value not in fields
                    ):
                        fields.append(small.target.value)
        return fields

    def bind_fields(
        self,
        instance: Instance,
        fields: list[str],
        positional: list[Value],
        keywords: dict[str, Value],
        node: cst.CSTNode,
    ) -> None:
        """A dataclass's generated ``__init__``: arguments to fields in order, the class
        default otherwise, then ``__post_init__``."""
        attrs = self.attributes(instance)
        if len(positional) > len(fields) or any(isinstance(p, Splat) for p in positional):
            return
        for index, name in enumerate(fields):
            if index < len(positional):
                value = positional[index]
            elif name in keywords:
                value = keywords[name]
            else:
                found = self.class_lookup(instance.class_key, name)
                value = found if found is not None else UNKNOWN
            self.store.write(attrs, name, value)
        post_init = self.class_lookup(instance.class_key, "__post_init__")
        if isinstance(post_init, FunctionRef):
            self.call_function(FunctionRef(post_init.key, instance), [], {}, node)

    def run_iterator(self, iterable: Value, node: cst.CSTNode) -> None:
        """Iterating an instance of a class defined in the file runs its ``__iter__`` (a
        generator's body, for what it checks and reports); what it yields stays unknown."""
        if not isinstance(iterable, Instance):
            return
        method = self.class_lookup(iterable.class_key, "__iter__")
        if isinstance(method, FunctionRef):
            self.call_function(FunctionRef(method.key, iterable), [], {}, node)

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
        if bases & MODULE_BASES and "__set_up__" not in attrs:
            # a Flax module runs ``setup`` on first use
            setup = self.class_lookup(instance.class_key, "setup")
            self.store.write(attrs, "__set_up__", Constant(True))
            if isinstance(setup, FunctionRef):
                self.call_function(FunctionRef(setup.key, instance), [], {}, node)
        # what a module is called on are its activations, whatever made them
        inputs = [
            v if isinstance(v, Tensor) and v.origin == LEARNED else with_origin(v, INPUT)
            for v in positional
        ]
        for name in (("call",) if keras else ("forward",)) + ("__call__",):
            method = self.class_lookup(instance.class_key, name)
            if isinstance(method, FunctionRef):
                result = self.call_function(
                    FunctionRef(method.key, instance), inputs, keywords, node, arg_nodes
                )
                if name == "call" and bases & LOSS_BASES and result is not UNKNOWN:
                    # ``Loss.__call__`` reduces what ``call`` returns as its reduction says
                    return Tensor(UNKNOWN_SHAPE, "keras")
                return result
        return UNKNOWN


def _self_calls(method: cst.FunctionDef) -> list[str]:
    """The methods ``method`` calls as statements or assigned calls: ``self.name(...)``."""
    names: list[str] = []
    for small in declarations.iter_small_statements([method.body]):
        value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and isinstance(value.func.value, cst.Name)
            and value.func.value.value == "self"
        ):
            names.append(value.func.attr.value)
    return names


def init_helpers(node: cst.ClassDef, text: str) -> frozenset[str]:
    """Methods that only initialise: called as ``self.load(...)`` from ``__init__`` (or from
    another such method) and named nowhere else in the module (its ``def`` is the one other
    occurrence of the name). Their attribute writes are part of building the instance, so
    they are as stable as ``__init__``'s; a method also called from outside is not."""
    methods = {
        s.name.value: s
        for s in node.body.body
        if isinstance(s, cst.FunctionDef) and s.name.value not in INIT_METHODS
    }
    initial = [s for s in node.body.body if isinstance(s, cst.FunctionDef)]
    callers = [s for s in initial if s.name.value in INIT_METHODS]
    helpers: set[str] = set()
    calls: list[str] = []
    while callers:
        calls += [name for caller in callers for name in _self_calls(caller)]
        found = {
            name
            for name in set(calls) & methods.keys()
            if name not in helpers
            and len(re.findall(rf"\b{re.escape(name)}\b", text)) == 1 + calls.count(name)
        }
        helpers |= found
        callers = [methods[name] for name in found]
    return frozenset(helpers)
