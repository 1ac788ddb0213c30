"""The interpreter's state and the pieces every node family shares.

Owns the per-module state (scopes, frames, the store, memo tables, recorded names), event
emission and muting, and name lookup/assignment. The node families (statements,
expressions, calls, classes) are mixins over ``Machine``; the methods one family calls in
another are declared here for the type checker only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import libcst as cst

from shapelint.analysis.events import Event, OpFailed
from shapelint.analysis.records import INIT_METHODS, ClassInfo, Frame, FunctionInfo
from shapelint.analysis.store import Store
from shapelint.analysis.values import (
    UNKNOWN,
    ClassRef,
    Constant,
    FunctionRef,
    Instance,
    ModuleRef,
    Tensor,
    Value,
)

__all__ = ["INIT_METHODS", "ClassInfo", "Frame", "FunctionInfo", "Machine"]


@dataclass(frozen=True)
class CallSite:
    """A call of a user function an event was found under, and the shapes it passed
    (``called with (4, 100)``): what a finding inside the function names as its cause."""

    node: cst.CSTNode
    arguments: str


def call_site(
    node: cst.CSTNode | None, positional: Sequence[Value], keywords: dict[str, Value]
) -> CallSite | None:
    """The call at ``node`` with what its array arguments were known to be."""
    if node is None:
        return None
    shapes = [str(v.shape) for v in positional if isinstance(v, Tensor)]
    shapes += [f"{k}={v.shape}" for k, v in keywords.items() if isinstance(v, Tensor)]
    return CallSite(node, f"called with {', '.join(shapes)}" if shapes else "called here")


# an event with the call sites it was found under, below the call that recorded it
RecordedEvent = tuple[Event, tuple[CallSite, ...]]

MAX_CALL_DEPTH = 4
LOOP_ITERATIONS = 3
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
        "functools.lru_cache",
        "functools.cache",
        "flax.linen.compact",
    }
)

FRAMEWORK_OBJECT_METHODS = frozenset(
    {"add_weight", "add_variable", "register_buffer", "register_parameter"}
)
MODEL_RUNS = frozenset(
    {"fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch"}
)
NEWAXIS = frozenset({"numpy.newaxis", "jax.numpy.newaxis"})
LIST_MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"}
)
BUILTINS = frozenset(
    {
        "all",
        "any",
        "len",
        "range",
        "int",
        "tuple",
        "list",
        "zip",
        "map",
        "enumerate",
        "min",
        "max",
        "super",
        "isinstance",
        "float",
        "bool",
        "complex",
        "print",
        "reversed",
        "sorted",
        "sum",
        "abs",
        "getattr",
        "setattr",
        "hasattr",
        "type",
        "dict",
        "round",
    }
)


class Machine:
    def __init__(
        self, module: cst.Module, *, record: bool = False, keras_version: int | None = None
    ) -> None:
        self.module = module
        # which Keras the module runs under (2, 3, or None: not known, so only what both
        # Kerases refuse is reported); the engine reads it from the setting or the imports
        self.keras_version = keras_version
        self._module_text: str | None = None  # made on first use (``module_text``)
        self.events: list[Event] = []
        # the user-function calls being analysed, outermost first, and each event's copy of
        # them (parallel to ``events``): where the shapes a finding names came from
        self.call_sites: list[CallSite] = []
        self.event_sites: list[tuple[CallSite, ...]] = []
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
        # memoised calls keep the events they emitted, replayed on every hit: what a call
        # reports must not depend on whether a muted loop pass met it first
        self.memo: dict[tuple[Any, ...], tuple[Value, tuple[RecordedEvent, ...]]] = {}
        self.init_memo: dict[
            tuple[Any, ...], tuple[dict[str, Value], tuple[RecordedEvent, ...]]
        ] = {}
        self.recorders: list[tuple[int, list[RecordedEvent]]] = []
        self.failures = 0  # ops proven to fail so far, muted or not (see ``after_failure``)
        # for each ``try`` body being run whose handler catches what a failed op raises, how
        # many calls were being recorded when it began (see ``catching_failures``)
        self.catching: list[int] = []
        self.analysed: set[int] = set()
        self.unstable_globals: set[str] = set()
        self.changed_attributes: set[str] = set()
        self.nonlocal_names: set[str] = set()
        self.record = record
        self.recorded: dict[cst.CSTNode, list[tuple[str, Value]]] = {}
        self._ident = itertools.count(1)

    def emit(self, event: Event, sites: tuple[CallSite, ...] | None = None) -> None:
        caught = isinstance(event, OpFailed) and bool(self.catching)
        if isinstance(event, OpFailed):
            self.failures += 1
        # the calls begun before the ``try`` contain it: their memo leaves the failure out
        kept = max(self.catching) if caught else 0
        sites = tuple(self.call_sites) if sites is None else sites
        for base, recorder in self.recorders[kept:]:
            recorder.append((event, sites[base:]))
        if not self.muted and not caught:
            self.events.append(event)
            self.event_sites.append(sites)

    @contextmanager
    def catching_failures(self) -> Iterator[None]:
        """Run a ``try`` body whose handler catches a failed op's error and goes on: a failure
        there is handled, not reported. A call made in the body keeps its failures in its
        memo (another caller may not catch them); the calls around the ``try`` do not."""
        self.catching.append(len(self.recorders))
        try:
            yield
        finally:
            self.catching.pop()

    @contextmanager
    def recording(self, site: CallSite | None) -> Iterator[list[RecordedEvent]]:
        """Analyse a call made at ``site``: collect every event emitted inside, muted or
        not, with the call sites below this one (for a memo entry, replayed elsewhere)."""
        events: list[RecordedEvent] = []
        if site is not None:
            self.call_sites.append(site)
        self.recorders.append((len(self.call_sites), events))
        try:
            yield events
        finally:
            self.recorders.pop()
            if site is not None:
                self.call_sites.pop()

    def replay(self, events: Sequence[RecordedEvent], site: CallSite | None) -> None:
        """A memoised call met again at ``site``: its events happen again, in this context
        and under this call site."""
        here = tuple(self.call_sites) + ((site,) if site is not None else ())
        for event, below in events:
            self.emit(event, here + below)

    @contextmanager
    def silenced(self) -> Iterator[None]:
        self.muted += 1
        try:
            yield
        finally:
            self.muted -= 1

    @property
    def scope(self) -> dict[str, Value]:
        return self.scopes[-1]

    def module_text(self) -> str:
        """The module's source, made once, for what reads names in the text."""
        if self._module_text is None:
            self._module_text = self.module.code
        return self._module_text

    def lookup(self, name: str) -> Value:
        for scope in reversed(self.scopes):
            if name in scope:
                if (
                    scope is self.scopes[0]
                    and len(self.scopes) > 1
                    and name in self.unstable_globals
                ):
                    return UNKNOWN
                if scope is not self.scopes[0] and name in self.nonlocal_names:
                    # rebound by a nested function (a callback counting its calls): any
                    # call may have changed it
                    return UNKNOWN
                return scope[name]
        if name in BUILTINS:
            return ModuleRef(f"builtins.{name}")
        if name in ("True", "False"):
            return Constant(name == "True")
        if name == "None":
            return Constant(None)
        return UNKNOWN

    def assign_name(self, name: str, value: Value) -> None:
        if isinstance(value, Tensor) and value.label is None:
            value = replace(value, label=name)
        self.store.write(self.scope, name, value)

    def scope_write(self, name: str, value: Value) -> None:
        self.store.write(self.scope, name, value)

    if TYPE_CHECKING:
        # Implemented by the node-family mixins; declared here so each family type-checks alone.
        def assign_target(
            self, target: cst.BaseExpression, value: Value, source: cst.BaseExpression | None = None
        ) -> None: ...
        def attributes(self, instance: Instance) -> dict[str, Value]: ...
        def binary(self, node: cst.CSTNode, symbol: str, left: Value, right: Value) -> Value: ...
        def call(
            self,
            node: cst.Call,
            callee: Value,
            positional: list[Value],
            keywords: dict[str, Value],
            arg_nodes: list[cst.CSTNode],
            opaque: bool,
        ) -> Value: ...
        def call_function(
            self,
            ref: FunctionRef,
            positional: list[Value],
            keywords: dict[str, Value],
            node: cst.CSTNode | None,
            arg_nodes: Sequence[cst.CSTNode] = (),
        ) -> Value: ...
        def call_instance(
            self,
            instance: Instance,
            positional: list[Value],
            keywords: dict[str, Value],
            node: cst.CSTNode,
            arg_nodes: Sequence[cst.CSTNode],
        ) -> Value: ...
        def run_iterator(self, iterable: Value, node: cst.CSTNode) -> None: ...
        def class_chain(self, key: int) -> list[int]: ...
        def class_bases(self, key: int) -> set[str]: ...
        def class_lookup(self, key: int, name: str, after: int | None = None) -> Value | None: ...
        def define_class(self, node: cst.ClassDef) -> None: ...
        def define_function(self, node: cst.FunctionDef, class_key: int | None = None) -> None: ...
        def function_value(self, node: cst.FunctionDef, class_key: int | None) -> Value: ...
        def eval(self, node: cst.BaseExpression) -> Value: ...
        def exec_block(self, body: Sequence[cst.CSTNode]) -> bool: ...
        def exec_loop(self, node: cst.For | cst.While) -> None: ...
        def exec_statement(self, node: cst.CSTNode) -> bool: ...
        def instantiate(
            self,
            ref: ClassRef,
            positional: list[Value],
            keywords: dict[str, Value],
            node: cst.CSTNode,
        ) -> Value: ...
        def new_attributes(self, attrs: dict[str, Value]) -> dict[str, Value]: ...
        def note_names(self, node: cst.CSTNode, names: list[tuple[str, Value]]) -> None: ...
        def run_function(
            self,
            info: FunctionInfo,
            key: int,
            args: list[Value],
            keywords: dict[str, Value],
            arg_nodes: Sequence[cst.CSTNode],
            has_self: bool,
            defaults: bool = True,
        ) -> Value: ...
