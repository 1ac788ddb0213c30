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
import libcst.matchers as m

from shapelint.analysis import narrowing
from shapelint.analysis.events import AssertionFails, DeclarationMismatch, Event, InvalidAnnotation
from shapelint.analysis.frameworks.torch import ASSERTING
from shapelint.analysis.primitives import truth
from shapelint.analysis.records import INIT_METHODS, Frame, FunctionInfo
from shapelint.analysis.values import (
    INPUT,
    UNKNOWN,
    Constant,
    IntValue,
    ListOf,
    ModuleRef,
    ShapedObject,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import annotation as ann
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape


class Interpreter(Protocol):
    """What the declaration checks need from the interpreter (passed in, never imported)."""

    frame: Frame

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
    """Names in a declaration that are ints in scope stand for those ints."""
    for item in pattern:
        names: set[str] = set()
        if isinstance(item, ann.NamedDim):
            names = {item.name}
        elif isinstance(item, ann.ExprDim):
            names = item.dim.names()
        for name in names:
            if name in interp.frame.bindings:
                continue
            bound = interp.lookup(name)
            if isinstance(bound, IntValue) and not bound.dim.is_unknown:
                interp.frame.bindings[name] = bound.dim


# -- asserts ----------------------------------------------------------------------------


def check_assert(
    interp: Interpreter, node: cst.CSTNode, test: cst.BaseExpression | None = None
) -> bool:
    """Check an assert and learn from it; True when it is proven to fail (what follows it
    does not run). ``node`` is the ``assert`` statement, or a call that asserts ``test``
    (``torch._assert(test, message)``)."""
    if test is None:
        assert isinstance(node, cst.Assert)
        test = node.test
    verdict = truth(interp.eval(test))
    if (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Equal)
    ):
        left, right = test.left, test.comparisons[0].comparator
        for subject, other in ((left, right), (right, left)):
            holds = _assert_shape(interp, node, subject, other)
            if holds is not None:
                return not holds
    if verdict is False:
        _check_failing_assert(interp, node, test)
        return True
    return False


def asserted_test(interp: Interpreter, node: cst.BaseExpression) -> cst.BaseExpression | None:
    """The condition of a call that is an assert statement (``torch._assert(cond, msg)``,
    ``ASSERTING`` in the torch table), or None for any other expression."""
    if not isinstance(node, cst.Call) or not node.args:
        return None
    first = node.args[0]
    if first.keyword is not None or first.star:
        return None
    callee = interp.eval(node.func)
    return first.value if isinstance(callee, ModuleRef) and callee.qualname in ASSERTING else None


def _check_failing_assert(interp: Interpreter, node: cst.CSTNode, test: cst.BaseExpression) -> None:
    """An assert proven false by the sizes it reads (``assert h % 2 == 0`` with ``h`` known
    to be 5), on a path that surely runs. One that reads no known size (``assert False``, a
    flag), or an item of a container (a callback's call counter), is left alone."""
    if not interp.frame.on_a_sure_path:
        return  # the assert may state what the branch it sits in implies
    known = []
    for part in _named_parts(test):
        if isinstance(part, cst.Subscript) and not isinstance(
            interp.eval(part.value), (ShapeValue, Tensor)
        ):
            return  # an item of a list or dict another function may have changed
        value = interp.eval(part)
        if isinstance(value, IntValue) and value.dim.value is not None:
            known.append(f"{source(part)} = {value.dim}")
        elif isinstance(value, ShapeValue) and value.shape.rank is not None:
            known.append(f"{source(part)} = {value.shape}")
    if known:
        interp.emit(AssertionFails(node, source(test), ", ".join(dict.fromkeys(known))))


def _named_parts(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The names and call-free attribute/subscript chains a condition reads, outermost."""
    if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
        inner: cst.BaseExpression = node
        while isinstance(inner, (cst.Attribute, cst.Subscript)):
            inner = inner.value
        if isinstance(inner, cst.Name) and not m.findall(node, m.Call()):
            return [node]
        if isinstance(node, cst.Name):
            return []
    parts: list[cst.BaseExpression] = []
    for child in node.children:
        if isinstance(child, cst.BaseExpression):
            parts.extend(_named_parts(child))
        else:
            for grandchild in child.children:
                if isinstance(grandchild, cst.BaseExpression):
                    parts.extend(_named_parts(grandchild))
    return parts


def _assert_shape(
    interp: Interpreter, node: cst.CSTNode, subject: cst.BaseExpression, other: cst.BaseExpression
) -> bool | None:
    """None when ``subject`` reads no shape; else whether the assert may hold (False: it
    is proven to fail)."""
    holder, kind, index = _shape_expression(subject)
    if holder is None:
        return None
    tensor = interp.eval(holder)
    if tensor is not UNKNOWN and not isinstance(tensor, (Tensor, ShapedObject)):
        return True
    current = tensor.shape if isinstance(tensor, (Tensor, ShapedObject)) else Shape((), True)
    if kind == "shape":
        declared = _declared_shape(interp, other)
        if declared is None:
            return True
    elif kind == "rank":
        rank = interp.eval(other)
        if (
            not isinstance(rank, IntValue)
            or rank.dim.value is None
            or not 0 <= rank.dim.value <= 64
        ):
            return True
        declared = Shape((UNKNOWN_DIM,) * rank.dim.value)
    else:
        assert index is not None
        dim = _declared_dim(interp, other)
        if (
            current.rank is None
            and index >= 0
            or current.variadic
            and index < 0
            and -index > len(current.dims)
        ):
            return True
        dims = list(current.dims)
        if not -len(dims) <= index < len(dims):
            return True
        if dims[index].equals(dim) is False:
            interp.emit(
                DeclarationMismatch(
                    node,
                    f"{source(holder)}.shape[{index}]",
                    Shape((dim,)),
                    Shape((dims[index],)),
                    "assert",
                )
            )
            return False
        if dims[index].is_unknown:
            dims[index] = dim
        declared = Shape(tuple(dims), current.variadic)
        _rebind(interp, holder, tensor, declared)
        return True
    verdict = (
        current.equals(declared)
        if kind == "shape"
        else (False if current.rank is not None and current.rank != declared.rank else None)
    )
    if verdict is False:
        interp.emit(DeclarationMismatch(node, source(holder), declared, current, "assert"))
        return False
    _rebind(interp, holder, tensor, refine(current, declared))
    return True


def _rebind(interp: Interpreter, holder: cst.BaseExpression, tensor: Value, shape: Shape) -> None:
    """The holder's shape is now known; a value not known to be an array stays of unknown
    kind (only its shape is learnt)."""
    if not isinstance(holder, (cst.Name, cst.Attribute)):
        return
    if isinstance(tensor, Tensor):
        interp.assign_target(holder, tensor.with_shape(shape, intent=tensor.intent))
    else:
        interp.assign_target(holder, ShapedObject(shape))


def _shape_expression(
    node: cst.BaseExpression,
) -> tuple[cst.BaseExpression | None, str, int | None]:
    """``x.shape`` / ``x.ndim`` / ``len(x.shape)`` / ``x.dim()`` / ``x.shape[i]``, and
    torch's spellings ``x.size()``, ``len(x.size())``, ``x.size(i)``."""
    if isinstance(node, cst.Attribute) and node.attr.value == "shape":
        return node.value, "shape", None
    if isinstance(node, cst.Attribute) and node.attr.value == "ndim":
        return node.value, "rank", None
    if isinstance(node, cst.Call) and not node.args:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("dim", "ndimension"):
            return func.value, "rank", None
        if isinstance(func, cst.Attribute) and func.attr.value == "size":
            return func.value, "shape", None
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "size"
        and len(node.args) == 1
        and node.args[0].keyword is None
        and not node.args[0].star
    ):
        index = _literal_int(node.args[0].value)
        if index is not None:
            return node.func.value, "dim", index
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "len"
        and len(node.args) == 1
    ):
        holder, kind, _ = _shape_expression(node.args[0].value)
        if kind == "shape":
            return holder, "rank", None
    if (
        isinstance(node, cst.Subscript)
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Index)
    ):
        inner, index_node = node.value, node.slice[0].slice.value
        index = _literal_int(index_node)
        if isinstance(inner, cst.Attribute) and inner.attr.value == "shape" and index is not None:
            return inner.value, "dim", index
    return None, "", None


def _literal_int(node: cst.BaseExpression) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0)
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
    ):
        return -int(node.expression.value.replace("_", ""), 0)
    return None


def _declared_shape(interp: Interpreter, node: cst.BaseExpression) -> Shape | None:
    if isinstance(node, (cst.Tuple, cst.List)):
        dims: list[Dim] = []
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                spliced = interp.eval(element.value)  # ``(B, C, *x.shape[2:])``
                if not isinstance(spliced, ShapeValue) or spliced.shape.variadic:
                    return None
                dims.extend(spliced.shape.dims)
                continue
            dims.append(_declared_dim(interp, element.value))
        return Shape(tuple(dims))
    value = interp.eval(node)
    if isinstance(value, ShapeValue):
        return value.shape
    return None


def _declared_dim(interp: Interpreter, node: cst.BaseExpression) -> Dim:
    """A dim in an assert: an int, an int in scope, or a name that now stands for one size."""
    value = interp.eval(node)
    if isinstance(value, IntValue) and not value.dim.is_unknown:
        return value.dim
    if (
        isinstance(node, cst.Name)
        and value is UNKNOWN
        or isinstance(node, cst.Name)
        and isinstance(value, IntValue)
    ):
        assert isinstance(node, cst.Name)
        symbol = _fresh_symbol(interp, node.value)
        interp.assign_name(node.value, IntValue(symbol))
        return symbol
    return UNKNOWN_DIM


def _fresh_symbol(interp: Interpreter, name: str) -> Dim:
    bindings = interp.frame.bindings
    candidate = name
    while candidate in bindings:
        candidate += "'"
    symbol = Dim.sym(candidate)
    bindings[candidate] = symbol
    return symbol


# -- shape reads that name dims ---------------------------------------------------------


def check_shape_read(interp: Interpreter, node: cst.Assign, value: Value) -> Value:
    """``B, T, F = x.shape`` and ``n = x.shape[0]``: an unknown dim gets the target's name."""
    if len(node.targets) != 1:
        return value
    target = node.targets[0].target
    expr = node.value
    if (
        isinstance(target, (cst.Tuple, cst.List))
        and isinstance(expr, cst.Attribute)
        and expr.attr.value == "shape"
    ):
        names = [
            e.value.value
            if isinstance(e.value, cst.Name) and not isinstance(e, cst.StarredElement)
            else None
            for e in target.elements
        ]
        if None in names:
            return value
        tensor = interp.eval(expr.value)
        if tensor is not UNKNOWN and not isinstance(tensor, (Tensor, ShapedObject)):
            return value
        current = tensor.shape if isinstance(tensor, (Tensor, ShapedObject)) else Shape((), True)
        if current.rank is not None and current.rank != len(names):
            return value
        if current.variadic and len(current.dims) > len(names):
            return value
        known = [UNKNOWN_DIM] * (len(names) - len(current.dims)) + list(current.dims)
        dims = [
            d if not d.is_unknown else _fresh_symbol(interp, str(n)) for d, n in zip(known, names)
        ]
        shape = Shape(tuple(dims))
        _rebind(interp, expr.value, tensor, shape)
        return ShapeValue(shape)
    if isinstance(target, cst.Name) and isinstance(value, IntValue) and value.dim.is_unknown:
        holder, index = _dim_read(expr)
        if holder is None or index is None:
            return value
        tensor = interp.eval(holder)
        if not isinstance(tensor, (Tensor, ShapedObject)):
            return value
        dims = list(tensor.shape.dims)
        if (
            tensor.shape.variadic
            and (index >= 0 or -index > len(dims))
            or not -len(dims) <= index < len(dims)
        ):
            return value
        symbol = _fresh_symbol(interp, target.value)
        dims[index] = symbol
        _rebind(interp, holder, tensor, Shape(tuple(dims), tensor.shape.variadic))
        return IntValue(symbol)
    return value


def _dim_read(expr: cst.BaseExpression) -> tuple[cst.BaseExpression | None, int | None]:
    """``x.shape[i]``, ``x.size(i)``, ``len(x)``."""
    holder, kind, index = _shape_expression(expr)
    if kind == "dim":
        return holder, index
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "size"
        and len(expr.args) == 1
    ):
        return expr.func.value, _literal_int(expr.args[0].value)
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value == "len"
        and len(expr.args) == 1
    ):
        return expr.args[0].value, 0
    return None, None


def length_of(interp: Interpreter, node: cst.Call, value: Value) -> Value:
    if isinstance(value, Tensor):
        if value.shape.rank == 0:
            return IntValue(UNKNOWN_DIM)
        return IntValue(value.shape[0])
    if isinstance(value, TupleValue):
        return IntValue(Dim.of(len(value.items)))
    if isinstance(value, ShapeValue):
        return IntValue(Dim.of(value.shape.rank) if value.shape.rank is not None else UNKNOWN_DIM)
    if isinstance(value, ListOf):
        return IntValue(value.length)
    return IntValue(UNKNOWN_DIM)


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


def _assigned_self_attributes(statement: cst.BaseSmallStatement) -> set[str]:
    targets: list[cst.BaseExpression] = []
    if isinstance(statement, cst.Assign):
        targets = [t.target for t in statement.targets]
    elif isinstance(statement, (cst.AugAssign, cst.AnnAssign)):
        targets = [statement.target]
    names: set[str] = set()
    while targets:
        target = targets.pop()
        if (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
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
                names |= _assigned_self_attributes(small)
    return frozenset(names)
