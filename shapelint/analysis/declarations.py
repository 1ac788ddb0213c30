"""Declarations users already write, read as facts: jaxtyping annotations, ``# shape:``
comments, shape asserts, and shape reads that name dims (``B, T, F = x.shape``).

A declaration seeds a shape where nothing is known and is checked where something is; a
contradiction becomes a ``DeclarationMismatch``, a malformed one an ``InvalidAnnotation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol

import libcst as cst

from shapelint.analysis import narrowing
from shapelint.analysis.events import DeclarationMismatch, Event, InvalidAnnotation
from shapelint.analysis.records import INIT_METHODS, Frame, FunctionInfo
from shapelint.analysis.values import (
    INPUT,
    UNKNOWN,
    Constant,
    IntValue,
    ModuleRef,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import annotation as ann
from shapelint.shapes.shape import Dim, Shape


class Interpreter(Protocol):
    """What the declaration checks need from the interpreter (passed in, never imported)."""

    frame: Frame
    scopes: list[dict[str, Value]]
    unstable_globals: set[str]  # names a ``global`` or ``nonlocal`` statement rebinds
    changed_attributes: set[str]  # attribute names assigned outside ``__init__``/``build``

    def eval(self, node: cst.BaseExpression) -> Value: ...

    def emit(self, event: Event) -> None: ...

    def lookup(self, name: str) -> Value: ...

    def assign_name(self, name: str, value: Value) -> None: ...

    def assign_target(
        self, target: cst.BaseExpression, value: Value, source: cst.BaseExpression | None = None
    ) -> None: ...


_EMPTY_MODULE = cst.Module(body=[])
JAXTYPING_DTYPES = frozenset(
    "Float Int Integer UInt Bool Shaped Num Real Complex Inexact Float16 Float32 Float64 "
    "BFloat16 Int8 Int16 Int32 Int64 UInt8 Key".split()
)


def source(node: cst.CSTNode) -> str:
    """The node's code as written. A plain name or dotted name (no parentheses, no space
    around a dot), the common case for callees and targets, is spelled directly: libcst's
    code generation is exact but costs a fifth of the analysis when run for every call."""
    plain = _plain_dotted(node)
    return plain if plain is not None else _EMPTY_MODULE.code_for_node(node)


def _plain_dotted(node: cst.CSTNode) -> str | None:
    """``a.b.c`` exactly as code generation would print it, or None when it is not that."""
    if isinstance(node, cst.Name):
        return node.value if not node.lpar and not node.rpar else None
    if isinstance(node, cst.Attribute) and not node.lpar and not node.rpar:
        dot = node.dot
        if not isinstance(dot, cst.Dot) or _spaced(dot.whitespace_before, dot.whitespace_after):
            return None
        head = _plain_dotted(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def _spaced(*whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return any(not (isinstance(w, cst.SimpleWhitespace) and w.value == "") for w in whitespace)


def dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    return source(node)


def information(names: Iterable[tuple[str, Value]]) -> int:
    """How much a recorded value says, to keep the most informative for ``shapes``."""
    score = 0
    for _, value in names:
        if isinstance(value, Tensor):
            score += 1 + sum(1 for d in value.shape.dims if not d.is_unknown)
    return score


# -- shapes from annotations ----------------------------------------------------------


def jaxtyping_pattern(
    interp: Interpreter, annotation: cst.BaseExpression
) -> tuple[ann.DimPattern, str, cst.CSTNode] | None:
    """``Float[Tensor, "b c"]`` -> (pattern, framework, string node); None if not one.

    A malformed dim string is reported (SHP100) and treated as no declaration.
    """
    if not isinstance(annotation, cst.Subscript) or len(annotation.slice) != 2:
        return None
    head = interp.eval(annotation.value)
    if not isinstance(head, ModuleRef) or not head.qualname.startswith("jaxtyping."):
        return None
    if head.qualname.rsplit(".", 1)[-1] not in JAXTYPING_DTYPES:
        return None
    array_slice, dims_slice = (element.slice for element in annotation.slice)
    if not isinstance(array_slice, cst.Index) or not isinstance(dims_slice, cst.Index):
        return None
    dims_node = dims_slice.value
    if not isinstance(dims_node, cst.SimpleString):
        return None
    text = dims_node.evaluated_value
    if not isinstance(text, str):
        return None
    array_type = interp.eval(array_slice.value)
    framework = (
        narrowing.ARRAY_TYPES.get(array_type.qualname, "unknown")
        if isinstance(array_type, ModuleRef)
        else "unknown"
    )
    try:
        pattern = ann.parse_dims(text)
    except ann.AnnotationError as error:
        interp.emit(InvalidAnnotation(dims_node, text, error.reason))
        return None
    return pattern, framework, dims_node


def check_annotation(
    interp: Interpreter,
    annotation: cst.BaseExpression,
    value: Value,
    node: cst.CSTNode | None,
    what: str,
    *,
    seed: bool,
    name: str | None = None,
) -> Value:
    found = jaxtyping_pattern(interp, annotation)
    if found is None:
        return narrowing.typed_array(interp.eval(annotation), value) if seed else value
    pattern, framework, _ = found
    label = name or (source(node.target) if isinstance(node, cst.AnnAssign) else "value")
    return _check(interp, pattern, framework, value, node, label, what, seed)


def _check(
    interp: Interpreter,
    pattern: ann.DimPattern,
    framework: str,
    value: Value,
    node: cst.CSTNode | None,
    label: str,
    what: str,
    seed: bool,
) -> Value:
    bindings = interp.frame.bindings
    if isinstance(value, Tensor):
        result = ann.match(pattern, value.shape, bindings)
        declared = ann.pattern_to_shape(pattern, bindings)
        if result.ok is False:
            if node is not None and not (
                what == "comment" and _only_names_differ(pattern, value, bindings)
            ):
                interp.emit(DeclarationMismatch(node, label, declared, value.shape, what))
            return value
        bindings.update(result.bindings)
        return replace(value, shape=refine(value.shape, ann.pattern_to_shape(pattern, bindings)))
    if not seed or not (value is UNKNOWN or isinstance(value, Constant) and value.value is None):
        return value
    shape = ann.pattern_to_shape(pattern, bindings)
    for dim in shape.dims:
        for symbol in dim.names():
            bindings.setdefault(symbol, Dim.sym(symbol))
    return Tensor(
        shape,
        framework,
        intent=True,
        label=label if label != "value" else None,
        origin=INPUT,  # an annotated input no call gave: the function's own input
    )


def _only_names_differ(pattern: ann.DimPattern, value: Tensor, bindings: dict[str, Dim]) -> bool:
    """Whether a comment contradicts the shape only through the names it shares with other
    comments (``in_features`` here, ``in_features+1`` there): comments are documentation,
    loose about what a name means on each path, so only a contradiction in sizes, or in
    the number of dims, is taken as proven."""
    sizes = {name: dim for name, dim in bindings.items() if dim.value is not None}
    declared = ann.pattern_to_shape(pattern, sizes)
    inferred = value.shape
    if declared.variadic or inferred.variadic or len(declared.dims) != len(inferred.dims):
        return False
    return not any(
        a.value is not None and b.value is not None and a.value != b.value
        for a, b in zip(declared.dims, inferred.dims)
    )


def refine(inferred: Shape, declared: Shape) -> Shape:
    """The inferred shape, with what the declaration adds where nothing was known."""
    if inferred.is_unknown:
        return declared
    if inferred.rank is not None and declared.rank == inferred.rank:
        return Shape(tuple(d if i.is_unknown else i for i, d in zip(inferred.dims, declared.dims)))
    return inferred


def return_pattern(interp: Interpreter, node: cst.FunctionDef) -> tuple[ann.DimPattern, str] | None:
    if node.returns is None:
        return None
    found = jaxtyping_pattern(interp, node.returns.annotation)
    return (found[0], found[1]) if found is not None else None


def check_return(interp: Interpreter, node: cst.BaseExpression, value: Value) -> Value:
    pattern, framework = interp.frame.return_pattern
    return _check(
        interp, pattern, framework, value, node, "return value", "return annotation", seed=False
    )


def declared_return(interp: Interpreter, info: FunctionInfo) -> Value | None:
    found = return_pattern(interp, info.node)
    if found is None:
        return None
    return Tensor(ann.pattern_to_shape(found[0], {}), found[1])


# -- trailing comments ----------------------------------------------------------------


def check_comment(
    interp: Interpreter,
    line: cst.SimpleStatementLine,
    node: cst.BaseSmallStatement,
    value: Value,
    *,
    expression: bool = False,
) -> Value:
    comment = line.trailing_whitespace.comment
    if comment is None or node is not line.body[-1]:
        return value
    try:
        pattern = ann.parse_shape_comment(comment.value)
    except ann.AnnotationError as error:
        interp.emit(InvalidAnnotation(node, comment.value, error.reason))
        return value
    if pattern is None:
        return value
    _bind_scope_names(interp, pattern)
    label = _target_label(node)
    if isinstance(value, TupleValue):
        return value
    framework = value.framework if isinstance(value, Tensor) else "unknown"
    return _check(interp, pattern, framework, value, node, label, "comment", seed=not expression)


def _target_label(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Assign):
        return source(node.targets[0].target)
    if isinstance(node, cst.AnnAssign):
        return source(node.target)
    if isinstance(node, cst.Expr):
        return source(node.value)
    return "value"


def _bind_scope_names(interp: Interpreter, pattern: ann.DimPattern) -> None:
    """Names in a declaration that are ints in scope stand for those ints. Inside a function
    only its own names count: a comment's ``head_dim`` there means the function's (often
    ``self.head_dim``), not a module global that happens to share the name (a notebook's
    other cells define many)."""
    own = interp.scopes[-1] if len(interp.scopes) > 1 else None
    for item in pattern:
        names: set[str] = set()
        if isinstance(item, ann.NamedDim):
            names = {item.name}
        elif isinstance(item, ann.ExprDim):
            names = item.dim.names()
        for name in names:
            if name in interp.frame.bindings or own is not None and name not in own:
                continue
            bound = interp.lookup(name)
            if isinstance(bound, IntValue) and not bound.dim.is_unknown:
                interp.frame.bindings[name] = bound.dim


# -- whole-module facts -------------------------------------------------------------------


def iter_small_statements(body: Iterable[cst.CSTNode]) -> Iterator[cst.BaseSmallStatement]:
    """Every simple statement inside ``body``, through compound statements, without visiting
    expressions (a libcst visitor over a whole module costs more than the analysis)."""
    stack = list(body)[::-1]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.SimpleStatementLine):
            yield from node.body
            continue
        children: list[cst.CSTNode] = []
        for attr in ("body", "orelse", "handlers", "finalbody", "cases"):
            part = getattr(node, attr, None)
            if part is None:
                continue
            if isinstance(part, (list, tuple)):
                children.extend(part)
            elif isinstance(part, cst.BaseSuite):
                inner: Sequence[cst.CSTNode] = part.body
                children.extend(inner)
            elif isinstance(part, cst.CSTNode):
                children.append(part)
        stack.extend(children[::-1])


def attributes_changed_later(module: cst.Module) -> set[str]:
    """The attribute names assigned anywhere but in an ``__init__``/``build`` (``counter.count
    += 1`` in a handler): an object's attribute of such a name may change when another
    function runs."""
    names: set[str] = set()
    stack: list[cst.CSTNode] = list(module.body)
    while stack:
        node = stack.pop()
        if isinstance(node, cst.FunctionDef) and node.name.value in INIT_METHODS:
            continue
        if isinstance(node, cst.SimpleStatementLine):
            for statement in node.body:
                names |= _assigned_attributes(statement)
            continue
        for attr in ("body", "orelse", "handlers", "finalbody", "cases"):
            part = getattr(node, attr, None)
            if isinstance(part, (list, tuple)):
                stack.extend(part)
            elif isinstance(part, cst.BaseSuite):
                stack.extend(part.body)
            elif isinstance(part, cst.CSTNode):
                stack.append(part)
    return names


def _assigned_attributes(statement: cst.BaseSmallStatement, base: str | None = None) -> set[str]:
    """The attribute names a statement assigns (of ``base`` only, when given)."""
    targets: list[cst.BaseExpression] = []
    if isinstance(statement, cst.Assign):
        targets = [t.target for t in statement.targets]
    elif isinstance(statement, (cst.AugAssign, cst.AnnAssign)):
        targets = [statement.target]
    names: set[str] = set()
    while targets:
        target = targets.pop()
        if isinstance(target, cst.Attribute) and (
            base is None or isinstance(target.value, cst.Name) and target.value.value == base
        ):
            names.add(target.attr.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            targets.extend(element.value for element in target.elements)
    return names


def global_names(module: cst.Module, nonlocal_only: bool = False) -> set[str]:
    """The names a ``global`` or ``nonlocal`` statement rebinds (only ``nonlocal``)."""
    kinds = cst.Nonlocal if nonlocal_only else (cst.Global, cst.Nonlocal)
    names: set[str] = set()
    for statement in iter_small_statements(module.body):
        if isinstance(statement, kinds):
            names.update(item.name.value for item in statement.names)
    return names


def unstable_attributes(
    node: cst.ClassDef, helpers: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Attributes a method other than ``__init__``/``build`` (or one of the ``helpers`` only
    they call) assigns: their shape may change."""
    names: set[str] = set()
    for statement in node.body.body:
        if (
            isinstance(statement, cst.FunctionDef)
            and statement.name.value not in INIT_METHODS
            and statement.name.value not in helpers
        ):
            for small in iter_small_statements([statement]):
                names |= _assigned_attributes(small, base="self")
    return frozenset(names)
