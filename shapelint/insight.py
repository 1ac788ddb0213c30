"""What the analysis knows about a source, by position: for hovers and inlay hints.

``shapelint shapes`` prints the inferred shape of each assignment beside its line; an editor
wants the same facts placed on the code: the shape of every name bound (an assignment
target, a parameter) with the statement it came from, and the result shape of every
product and broadcasting op. The interpreter runs once in its recording mode, as for
``shapes``, and every position here is 1-based in characters (code points), end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import libcst as cst

from shapelint.config import Config
from shapelint.diagnostics import Position

_IDENTIFIER = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Span:
    start: Position
    end: Position

    def contains(self, position: Position) -> bool:
        return self.start <= position < self.end


@dataclass(frozen=True, slots=True)
class Binding:
    """A name given a tensor: where the name is written, its shape and the binding statement."""

    name: str
    shape: str | None  # None: not a tensor, or nothing known of its shape
    target: Span
    statement: Span
    scope: Span | None  # the enclosing function, None at module level
    kind: str  # "assignment", "parameter" or "rebinding" (a loop target, an import ...)


@dataclass(frozen=True, slots=True)
class Result:
    """The shape an operation produces (a product, a broadcasting op)."""

    span: Span
    op: str
    shape: str


@dataclass(frozen=True)
class Insight:
    lines: list[str]
    bindings: list[Binding]
    results: list[Result]
    scopes: list[Span]

    def hover(self, position: Position, place: Callable[[int], str] | None = None) -> str | None:
        """Markdown for the shape at ``position``: a name's shape and origin, or an op's.

        ``place`` names a line for the reader (``line 3``, or ``cell 2, line 1`` in a notebook).
        """
        word = self._word_at(position)
        if word is not None:
            binding = self.binding_at(position, word)
            if binding is not None:
                if binding.shape is None:
                    return None
                return self._describe(binding, place or (lambda line: f"line {line}"))
        containing = [r for r in self.results if r.span.contains(position)]
        if containing:
            result = min(containing, key=lambda r: (r.span.end.line - r.span.start.line, _width(r)))
            text = self._text(result.span)
            return f"`{text}`: `{result.shape}`\n\n(`{result.op}`)"
        return None

    def binding_at(self, position: Position, name: str) -> Binding | None:
        """The binding a name at ``position`` refers to: the one written there, else the last
        one of that name before it in the same function, else at module level."""
        for binding in self.bindings:
            if binding.name == name and binding.target.contains(position):
                return binding
        scope = self._scope_at(position)
        for candidates_scope in (scope, None):
            before = [
                b
                for b in self.bindings
                if b.name == name and b.scope == candidates_scope and b.target.start <= position
            ]
            if before:
                return max(before, key=lambda b: b.target.start)
            if scope is None:
                break
        return None

    def inlay_hints(self) -> list[tuple[Position, str]]:
        """``: (shape)`` after each name an assignment binds (parameters show in hovers)."""
        return [
            (b.target.end, f": {b.shape}")
            for b in sorted(self.bindings, key=lambda b: b.target.start)
            if b.kind == "assignment" and b.shape is not None
        ]

    def _describe(self, binding: Binding, place: Callable[[int], str]) -> str:
        line = binding.statement.start.line
        origin = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        where = "parameter" if binding.kind == "parameter" else "assigned"
        return f"`{binding.name}`: `{binding.shape}`\n\n{where} on {place(line)}: `{origin}`"

    def _scope_at(self, position: Position) -> Span | None:
        inside = [s for s in self.scopes if s.contains(position)]
        return max(inside, key=lambda s: s.start) if inside else None

    def _word_at(self, position: Position) -> str | None:
        if not 0 < position.line <= len(self.lines):
            return None
        text = self.lines[position.line - 1]
        for match in _IDENTIFIER.finditer(text):
            if match.start() <= position.column - 1 < match.end():
                return match.group(0)
        return None

    def _text(self, span: Span) -> str:
        if span.start.line != span.end.line:
            return self.lines[span.start.line - 1][span.start.column - 1 :].strip() + " …"
        return self.lines[span.start.line - 1][span.start.column - 1 : span.end.column - 1]


def _width(result: Result) -> int:
    return result.span.end.column - result.span.start.column


def insight(text: str, budget: float | None = None) -> Insight | None:
    """The shapes known in ``text``; None when it cannot be analysed (a syntax error, or
    past the time budget)."""
    from shapelint.deep_run import run_deep

    seconds = budget if budget is not None else Config().time_budget
    return run_deep(lambda: _insight(text, seconds), seconds)


def _insight(text: str, budget: float) -> Insight | None:
    from shapelint.engine import parse_failure

    if parse_failure(text, "<buffer>", budget) is not None:
        return None
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.analysis.events import Elementwise, MatrixProduct
    from shapelint.analysis.interpreter import Interpreter

    module = cst.parse_module(text)
    interpreter = Interpreter(module, record=True)
    events = interpreter.run()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    functions = _Functions()
    module.visit(functions)

    def span(node: Any) -> Span | None:
        where = positions.get(node)
        if where is None:
            return None
        start = Position(where.start.line, where.start.column + 1)
        return Span(start, Position(where.end.line, where.end.column + 1))

    scopes = [s for s in (span(f) for f in functions.defs) if s is not None]
    starts = sorted(scopes, key=lambda s: s.start)

    def enclosing(statement: Span) -> Span | None:
        inside = [s for s in starts if s.contains(statement.start) and s != statement]
        return max(inside, key=lambda s: s.start) if inside else None

    bindings: list[Binding] = []
    for node, names in interpreter.recorded.items():
        statement = span(node)
        if statement is None:
            continue
        definition = functions.by_name.get(id(node))
        if definition is not None:  # the parameters of a function, recorded at its name
            params = {p.name.value: p.name for p in _params(definition)}
            scope = span(definition)
            for name, value in names:
                where = span(params[name]) if name in params else None
                if where is not None:
                    bindings.append(Binding(name, _shape(value), where, where, scope, "parameter"))
            continue
        targets = _targets(node)
        if targets is None or len(targets) != len(names):
            continue
        scope = enclosing(statement)
        for target, (name, value) in zip(targets, names):
            where = span(target)
            if where is not None:
                bindings.append(Binding(name, _shape(value), where, statement, scope, "assignment"))
    recorded = {(b.name, b.target.start) for b in bindings}
    for name, node in functions.rebinds:  # names bound where no shape is recorded
        where = span(node)
        if where is not None and (name, where.start) not in recorded:
            bindings.append(Binding(name, None, where, where, enclosing(where), "rebinding"))
    results: list[Result] = []
    for event in events:
        if not isinstance(event, (Elementwise, MatrixProduct)):
            continue
        if event.result is not None and not event.result.is_unknown:
            where = span(event.node)
            if where is not None:
                results.append(Result(where, event.op, str(event.result)))
    return Insight(text.splitlines(), bindings, results, scopes)


def _shape(value: Any) -> str | None:
    from shapelint.analysis.values import Tensor

    if isinstance(value, Tensor) and not value.shape.is_unknown:
        return str(value.shape)
    return None


def _params(definition: Any) -> list[Any]:
    params = definition.params
    return [*params.posonly_params, *params.params, *params.kwonly_params]


def _targets(node: Any) -> list[Any] | None:
    """The target expressions an assignment statement names, element by element."""

    if isinstance(node, cst.Assign):
        target = node.targets[0].target
    elif isinstance(node, cst.AnnAssign):
        target = node.target
    else:
        return None
    if isinstance(target, (cst.Tuple, cst.List)):
        return [element.value for element in target.elements]
    return [target]


class _Functions(cst.CSTVisitor):
    """Every function definition (and each by the identity of its name node), and every
    name bound by something other than an assignment, so that a hover never shows a shape
    the name no longer has."""

    def __init__(self) -> None:
        super().__init__()
        self.defs: list[cst.FunctionDef] = []
        self.by_name: dict[int, cst.FunctionDef] = {}
        self.rebinds: list[tuple[str, cst.Name]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.defs.append(node)
        self.by_name[id(node.name)] = node
        self.rebinds.append((node.name.value, node.name))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.rebinds.append((node.name.value, node.name))

    def visit_For(self, node: cst.For) -> None:
        self._names(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._names(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._names(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._names(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._names(node.asname.name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._names(node.name.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        bound: cst.BaseExpression = node.asname.name if node.asname is not None else node.name
        while isinstance(bound, cst.Attribute):
            bound = bound.value
        self._names(bound)

    def _names(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.rebinds.append((target.value, target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._names(element.value)
        elif isinstance(target, cst.StarredElement):
            self._names(target.value)
