"""What code reads and asserts about shapes at run time, read as facts: ``assert x.shape ==
…`` (and ``x.ndim``, ``x.size(i)``, ``len(x.shape)``), ``B, T, F = x.shape`` reads that name
their dims, and ``len(x)``.

An assert that holds teaches the shape it states; one proven false is a finding, and so is a
read whose names contradict what is known. Split from ``declarations`` (annotations and
comments), whose interpreter ``Protocol`` and helpers it uses.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from shapelint.analysis import convert
from shapelint.analysis.declarations import Interpreter, refine, source
from shapelint.analysis.events import AssertionFails, DeclarationMismatch
from shapelint.analysis.frameworks.torch import ASSERTING
from shapelint.analysis.primitives import truth
from shapelint.analysis.values import (
    UNKNOWN,
    Instance,
    IntValue,
    ListOf,
    ModuleRef,
    ShapedObject,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape

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
    flag), or what another function may have changed when it runs (an item of a container,
    an attribute of an object, a name a ``global`` statement rebinds: a callback's call
    counter), is left alone."""
    if not interp.frame.on_a_sure_path:
        return  # the assert may state what the branch it sits in implies
    known = []
    for part in _named_parts(test):
        if isinstance(part, cst.Subscript) and not isinstance(
            interp.eval(part.value), (ShapeValue, Tensor)
        ):
            return  # an item of a list or dict another function may have changed
        if (
            isinstance(part, cst.Attribute)
            and part.attr.value in interp.changed_attributes
            and isinstance(interp.eval(part.value), Instance)
        ):
            return  # an attribute of an object a function changes (a handler's counter)
        if isinstance(part, cst.Name) and part.value in interp.unstable_globals:
            return  # a name a function rebinds through ``global``
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
    sliced = _shape_slice(subject)
    if sliced is not None:
        return _assert_shape_slice(interp, node, *sliced, other)
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


def _shape_slice(
    node: cst.BaseExpression,
) -> tuple[cst.BaseExpression, int | None, int | None] | None:
    """``x.shape[a:b]`` with literal bounds (either may be absent) and no step."""
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1):
        return None
    inner, key = node.value, node.slice[0].slice
    if not (
        isinstance(inner, cst.Attribute)
        and inner.attr.value == "shape"
        and isinstance(key, cst.Slice)
        and key.step is None
    ):
        return None
    bounds = [None if b is None else _literal_int(b) for b in (key.lower, key.upper)]
    if any(b is None and given is not None for b, given in zip(bounds, (key.lower, key.upper))):
        return None
    return inner.value, bounds[0], bounds[1]


def _assert_shape_slice(
    interp: Interpreter,
    node: cst.CSTNode,
    holder: cst.BaseExpression,
    start: int | None,
    stop: int | None,
    other: cst.BaseExpression,
) -> bool:
    """``assert x.shape[-3:] == (H, W, C)``: the dims the slice takes, when the rank is known,
    against the declared ones (whether the assert may hold)."""
    tensor = interp.eval(holder)
    declared = _declared_shape(interp, other)
    if not isinstance(tensor, (Tensor, ShapedObject)) or tensor.shape.variadic or declared is None:
        return True
    taken = Shape(tensor.shape.dims[start:stop])
    if taken.equals(declared) is False:
        bounds = f"{'' if start is None else start}:{'' if stop is None else stop}"
        interp.emit(
            DeclarationMismatch(
                node, f"{source(holder)}.shape[{bounds}]", declared, taken, "assert"
            )
        )
        return False
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
    if isinstance(value, TupleValue) and not value.is_list:
        # a tuple of ints held by a name (``self._shape``); a list never equals a shape
        return convert.shape_from_items(value.items)
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
