"""Op kinds that keep or rearrange dims: elementwise and where (broadcasting), reshape,
transposes, squeeze/expand, reductions, concat/stack/split, repeat/expand/broadcast_to, and the
size/shape/ndim queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.events import Elementwise, OpFailed
from shapelint.analysis.opcall import (
    Call,
    Emitter,
    dims_arg,
    family_rule,
    input_tensor,
    newshape,
    run_rule,
    unknown_at,
)
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    IntValue,
    ListOf,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
    derived_origin,
)
from shapelint.shapes import algebra, family_rules, framework_ops
from shapelint.shapes import frameworks as fw
from shapelint.shapes import numpy_family as nf
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


def elementwise(
    emitter: Emitter,
    node: Any,
    symbol: str,
    left: Value,
    right: Value,
    framework: str,
    *,
    multiply: bool | None = None,
    paired: bool = False,
) -> Value:
    """A broadcasting binary op on two operands, shared by operators and functions.

    ``symbol`` names the op in messages (``*``, ``tf.multiply``); ``multiply`` says whether it
    is a product (defaults to ``symbol == "*"``); ``paired``, whether it compares a
    prediction with its target (``Elementwise.paired``).
    """
    lt = convert.literal_tensor(left, framework)
    rt = convert.literal_tensor(right, framework)
    if lt is None or rt is None:
        known = lt if isinstance(left, Tensor) else rt if isinstance(right, Tensor) else None
        return Tensor(UNKNOWN_SHAPE, known.framework) if known is not None else UNKNOWN
    try:
        result = algebra.broadcast(lt.shape, rt.shape)
    except ShapeError as error:
        emitter.emit(
            OpFailed(
                node,
                symbol,
                error.reason,
                (lt.shape, rt.shape),
                ("broadcast", (lt.shape, rt.shape)),
            )
        )
        if isinstance(left, Tensor) and isinstance(right, Tensor):
            multiplies = symbol == "*" if multiply is None else multiply
            emitter.emit(Elementwise(node, symbol, left, right, None, multiplies, paired))
        return Tensor(UNKNOWN_SHAPE, lt.framework if isinstance(left, Tensor) else rt.framework)
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        emitter.emit(
            Elementwise(
                node,
                symbol,
                left,
                right,
                result,
                symbol == "*" if multiply is None else multiply,
                paired,
            )
        )
    base = left if isinstance(left, Tensor) else right if isinstance(right, Tensor) else lt
    origin = derived_origin(lt, rt)
    return Tensor(result, base.framework, intent=lt.intent or rt.intent, origin=origin)


def _elementwise(call: Call) -> Value:
    x, y = call.get("x"), call.get("y")
    if x is None or y is None:
        return call.unknown()
    name = call.qualname.rsplit(".", 1)[-1]
    if family_rules.is_own(name, call.family):  # Keras 3's add takes a bias on TensorFlow
        left, right = input_tensor(call), input_tensor(call, "y")
        if left is None or right is None:
            return call.unknown()
        rule, _ = family_rule(call, name)
        result = run_rule(call, rule, left.shape, right.shape)
        return call.tensor(result if result is not None else UNKNOWN_SHAPE)
    multiply = call.opt("op_symbol") == "*"
    return elementwise(
        call.emitter, call.node, call.display, x, y, call.result_framework(), multiply=multiply
    )


def _nonzero(call: Call, condition: Tensor) -> Value:
    """``where(cond)`` alone: NumPy, torch and JAX give a tuple of one index array per dim of
    ``cond``; TensorFlow (``coordinates``) one (count, rank) tensor of coordinates."""
    rank = condition.shape.rank
    if call.opt("coordinates"):
        return call.tensor(Shape((UNKNOWN_DIM, Dim.of(rank) if rank is not None else UNKNOWN_DIM)))
    if rank is None:
        return UNKNOWN
    return TupleValue(tuple(call.tensor(Shape((UNKNOWN_DIM,))) for _ in range(rank)))


def _where(call: Call) -> Value:
    parts = [
        convert.literal_tensor(v, call.result_framework())
        for v in (call.get("condition"), call.get("x"), call.get("y"))
        if v is not None
    ]
    if len(parts) == 1 and parts[0] is not None:
        return _nonzero(call, parts[0])
    if len(parts) != 3 or any(p is None for p in parts):
        return call.unknown()
    shapes = tuple(p.shape for p in parts if p is not None)
    result = run_rule(call, algebra.broadcast, *shapes, judge="broadcast")
    return call.tensor(result) if result is not None else call.unknown()


def _reshape(call: Call) -> Value:
    x = input_tensor(call)
    target = dims_arg(call.varargs, call.get("shape"))
    if x is None or target is None or target.variadic:
        return call.unknown() if x is None else x.with_shape(_reshape_unknown(target), intent=True)
    rule, judge = family_rule(call, "reshape")
    result = run_rule(
        call, rule, x.shape, newshape(target), judge=judge, operands=(x.shape, target)
    )
    return x.with_shape(result, intent=True) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _reshape_unknown(target: Shape | None) -> Shape:
    if target is None:
        return UNKNOWN_SHAPE
    return Shape(tuple(UNKNOWN_DIM if d.value == -1 else d for d in target.dims), target.variadic)


def _shape_as(call: Call) -> Value:
    x, y = input_tensor(call), input_tensor(call, "y")
    if x is None or y is None:
        return call.unknown()
    if call.qualname.endswith("expand_as"):
        return x.with_shape(y.shape, intent=True)
    if y.shape.variadic:
        return x.with_shape(y.shape, intent=True)
    result = run_rule(call, algebra.reshape, x.shape, newshape(y.shape), judge="reshape")
    return x.with_shape(result if result is not None else y.shape, intent=True)


def _permute(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    if call.varargs is not None:
        axes: Any = (
            convert.as_axes(TupleValue(tuple(call.varargs)))
            if len(call.varargs) != 1
            else convert.as_axes(call.varargs[0])
        )
    else:
        axes = convert.as_axes(call.get("axis"))
    if axes is ...:
        return x.with_shape(
            Shape.unknown_rank(x.shape.rank) if x.shape.rank is not None else UNKNOWN_SHAPE
        )
    if isinstance(axes, int):
        axes = (axes,)
    result = run_rule(call, algebra.permute, x.shape, axes, judge="permute")
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _swapaxes(call: Call) -> Value:
    x = input_tensor(call)
    i, j = convert.as_int(call.get("axis1")), convert.as_int(call.get("axis2"))
    if x is None:
        return call.unknown()
    if i is None or j is None:
        return x.with_shape(
            Shape.unknown_rank(x.shape.rank) if x.shape.rank is not None else UNKNOWN_SHAPE
        )
    result = run_rule(call, algebra.swapaxes, x.shape, i, j, judge="swapaxes")
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _unary_rule(rule: Callable[[Shape], Shape]) -> Callable[[Call], Value]:
    def impl(call: Call) -> Value:
        x = input_tensor(call)
        if x is None:
            return call.unknown()
        result = run_rule(call, rule, x.shape)
        return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)

    return impl


def _squeeze(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    axes = convert.as_axes(call.get("axis"))
    if axes is ...:
        return x.with_shape(UNKNOWN_SHAPE)
    rule, judge = family_rule(call, "squeeze")
    if judge is not None:  # NumPy's rule, or the lenient one of a torch-like table entry
        strict = bool(call.opt("strict", True))
        judge = "squeeze" if strict else None
        rule = partial(algebra.squeeze, strict=strict)
    result = run_rule(call, rule, x.shape, axes, judge=judge)
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _expand_dims(call: Call) -> Value:
    x = input_tensor(call)
    axis_value = call.get("axis")
    if axis_value is None and call.opt("default_axis") is not None:  # K.expand_dims: -1
        axis_value = IntValue(Dim.of(call.opt("default_axis")))
    axes = convert.as_axes(axis_value)
    if x is None:
        return call.unknown()
    if axes is ... or axes is None:
        return x.with_shape(UNKNOWN_SHAPE, intent=True)
    result = run_rule(call, algebra.expand_dims, x.shape, axes, judge="expand_dims")
    return x.with_shape(result, intent=True) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _reduce(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    axis_value = call.get("axis")
    if axis_value is None and call.opt("default_axis") is not None:
        axis_value = IntValue(Dim.of(call.opt("default_axis")))
    axes = convert.as_axes(axis_value)
    keepdims = convert.as_bool(call.get("keepdims"), False)
    if axes is ... or keepdims is None:
        rank = x.shape.rank
        same_rank = keepdims and rank is not None
        return call.tensor(
            Shape.unknown_rank(rank) if same_rank and rank is not None else UNKNOWN_SHAPE,
            intent=bool(keepdims),
        )
    own = family_rules.reduction(call.family, call.qualname.rsplit(".", 1)[-1])
    rule, judge = (own, None) if own is not None else (algebra.reduce, "reduce")
    result = run_rule(call, rule, x.shape, axes, keepdims, judge=judge)
    if result is None:
        return call.tensor(UNKNOWN_SHAPE, intent=keepdims)
    kept = x.shape if keepdims and result.rank is not None and result.rank == x.shape.rank else None
    return call.tensor(result, intent=keepdims, kept=kept)


def _reduce_or_elementwise(call: Call) -> Value:
    """torch.max/min: elementwise with a tensor, (values, indices) with a dim, else a scalar."""
    if isinstance(call.get("y"), Tensor) or isinstance(call.get("axis"), Tensor):
        other = call.get("y") if isinstance(call.get("y"), Tensor) else call.get("axis")
        x = call.get("x")
        if x is None or other is None:
            return call.unknown()
        return elementwise(call.emitter, call.node, call.display, x, other, call.result_framework())
    reduced = _reduce(call)
    if call.get("axis") is not None and not convert.is_none(call.get("axis")):
        return TupleValue((reduced, reduced))
    return reduced


def _concat(call: Call) -> Value:
    seq = call.get("seq")
    if seq is None and call.varargs:
        seq = TupleValue(tuple(call.varargs))
    axis_value = call.get("axis")
    default = call.opt("default_axis")
    axis: int | None
    if axis_value is None:
        if default is None:
            return call.unknown()
        axis = int(default)
    elif convert.is_none(axis_value):
        axis = None
    else:
        axis = convert.as_int(axis_value)
        if axis is None:
            return call.unknown()
    if isinstance(seq, ListOf) and isinstance(seq.item, Tensor):
        item = seq.item.shape
        if axis is None or item.variadic:
            return call.tensor(UNKNOWN_SHAPE if item.variadic else Shape((UNKNOWN_DIM,)))
        joined = unknown_at(item, axis)
        return call.tensor(joined) if joined is not None else call.unknown()
    rule, judge = family_rule(call, "concatenate")
    return _combine(call, seq, rule, axis, judge)


def _stack(call: Call) -> Value:
    seq = call.get("seq")
    axis = convert.as_int(call.get("axis")) if call.get("axis") is not None else 0
    if axis is None:
        return call.unknown()
    if isinstance(seq, ListOf) and isinstance(seq.item, Tensor):
        item = seq.item.shape
        if item.variadic:
            return call.tensor(UNKNOWN_SHAPE)
        try:
            expanded = algebra.expand_dims(item, axis)
        except ShapeError:
            return call.unknown()
        stacked = unknown_at(expanded, axis)
        return call.tensor(stacked) if stacked is not None else call.unknown()
    return _combine(call, seq, algebra.stack, axis, "stack")


def _combine(
    call: Call, seq: Value | None, rule: Callable[..., Shape], axis: int | None, judge: str | None
) -> Value:
    """``cat``/``stack`` of a literal sequence of tensors."""
    tensors = convert.tensor_items(seq) if seq is not None else None
    if not tensors:
        return call.unknown()
    shapes = tuple(t.shape for t in tensors)
    result = run_rule(call, rule, shapes, axis, judge=judge, operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _vstack(call: Call) -> Value:
    return _stacker(call, "vstack")


def _hstack(call: Call) -> Value:
    return _stacker(call, "hstack")


def _stacker(call: Call, name: str) -> Value:
    """``vstack``/``hstack`` of a literal sequence: the family's rule (NumPy's makes each
    at least 2-D/1-D first; Keras 3 on TensorFlow does not)."""
    seq = call.get("seq")
    tensors = convert.tensor_items(seq) if seq is not None else None
    if not tensors:
        return call.unknown()
    shapes = tuple(t.shape for t in tensors)
    rule, _ = family_rule(call, name)
    result = run_rule(call, rule, shapes, operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _atleast_2d(shape: Shape) -> Shape:
    if shape.rank == 0:
        return Shape.of(1, 1)
    if shape.rank == 1:
        return Shape((Dim.of(1), *shape.dims))
    return shape


def _atleast_2d_op(call: Call) -> Value:
    x = input_tensor(call)
    return x.with_shape(_atleast_2d(x.shape)) if x is not None else call.unknown()


def _flatten(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    start = convert.as_int(call.get("start_dim")) if call.get("start_dim") is not None else 0
    end = convert.as_int(call.get("end_dim")) if call.get("end_dim") is not None else -1
    if start is None or end is None:
        return x.with_shape(UNKNOWN_SHAPE)
    rule, _ = family_rule(call, "flatten")
    result = run_rule(call, rule, x.shape, start, end)
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _split(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    axis = convert.as_int(call.get("axis")) if call.get("axis") is not None else 0
    if axis is None or x.shape.variadic and axis >= 0:
        return ListOf(x.with_shape(UNKNOWN_SHAPE, keep_lineage=False))
    sections = convert.as_axes(call.get("sections"))
    if call.family in ("numpy", "jax") and isinstance(sections, (int, tuple)):
        # NumPy's and jax.numpy's split: that many equal parts, or cuts at the indices given
        try:
            pieces = nf.split(x.shape, sections, axis, exact=not call.opt("inexact"))
        except ShapeError as error:
            call.fail(error, (x.shape,))
            return ListOf(x.with_shape(UNKNOWN_SHAPE, keep_lineage=False))
        if pieces is not None:
            return TupleValue(tuple(x.with_shape(piece, keep_lineage=False) for piece in pieces))
    piece = unknown_at(x.shape, axis)
    return ListOf(x.with_shape(piece or UNKNOWN_SHAPE, keep_lineage=False))


def _expand(call: Call) -> Value:
    """``Tensor.expand(*sizes)``: torch's rule (``framework_ops.torch_expand``)."""
    x = input_tensor(call)
    target = dims_arg(call.varargs, call.get("shape"))
    if x is None or target is None or target.variadic:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE, intent=True)
    result = run_rule(
        call, framework_ops.torch_expand, x.shape, target.dims, operands=(x.shape, target)
    )
    return x.with_shape(result if result is not None else UNKNOWN_SHAPE, intent=True)


def _broadcast_to(call: Call) -> Value:
    x = input_tensor(call)
    target = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if x is None or target is None:
        return call.unknown()
    if call.family == "torch":
        if target.variadic:
            return x.with_shape(UNKNOWN_SHAPE, intent=True)
        expanded = run_rule(
            call, framework_ops.torch_expand, x.shape, target.dims, operands=(x.shape, target)
        )
        return x.with_shape(expanded if expanded is not None else UNKNOWN_SHAPE, intent=True)
    try:
        result = algebra.broadcast(x.shape, target)
    except ShapeError as error:
        call.fail(error, (x.shape, target), ("broadcast", (x.shape, target)))
        return x.with_shape(target, intent=True)
    if result.equals(target) is False:
        call.fail(ShapeError(f"cannot broadcast {x.shape} to {target}"), (x.shape, target))
    return x.with_shape(target, intent=True)


def _identity(call: Call) -> Value:
    x = call.get("x")
    if isinstance(x, Tensor):
        framework = call.result_framework()
        return replace(x, framework=framework)
    converted = input_tensor(call)
    return call.tensor(converted.shape) if converted is not None else call.unknown()


def _triangle(call: Call) -> Value:
    """``tril``/``triu``: the input's shape, zeros above or below a diagonal. NumPy reads a
    1-D ``(n,)`` as the rows of an ``(n, n)`` matrix; JAX refuses fewer than 2 dims ("must be
    at least 2D"), left unknown here as is any input of unknown rank."""
    x = input_tensor(call)
    if x is None or x.shape.variadic:
        return call.unknown()
    rank = len(x.shape.dims)
    if rank == 1 and call.family == "numpy":
        return call.tensor(Shape(x.shape.dims * 2))
    if rank < 2:
        return call.unknown()
    return call.tensor(x.shape)


def _size(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return UNKNOWN
    axis = call.get("axis")
    if axis is None:
        return ShapeValue(x.shape, x.lineage)
    index = convert.as_int(axis)
    return IntValue(x.shape[index]) if index is not None else IntValue(UNKNOWN_DIM)


def _shape_of(call: Call) -> Value:
    x = input_tensor(call)
    return ShapeValue(x.shape, x.lineage) if x is not None else UNKNOWN


def _ndim(call: Call) -> Value:
    x = input_tensor(call)
    rank = x.shape.rank if x is not None else None
    return IntValue(Dim.of(rank) if rank is not None else UNKNOWN_DIM)


def _numel(call: Call) -> Value:
    x = input_tensor(call)
    return IntValue(x.shape.numel() if x is not None else UNKNOWN_DIM)


def _none(call: Call) -> Value:
    return Constant(None)


def _unknown(call: Call) -> Value:
    return call.unknown()


def _moveaxis(call: Call) -> Value:
    x = input_tensor(call)
    if x is None:
        return call.unknown()
    source, destination = (
        convert.as_axes(call.get("source")),
        convert.as_axes(call.get("destination")),
    )
    if source is ... or destination is ... or source is None or destination is None:
        rank = x.shape.rank
        return x.with_shape(Shape.unknown_rank(rank) if rank is not None else UNKNOWN_SHAPE)
    rule, _ = family_rule(call, "moveaxis")
    result = run_rule(call, rule, x.shape, source, destination)
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


KINDS: dict[str, Callable[[Call], Value]] = {
    "elementwise": _elementwise,
    "where": _where,
    "reshape": _reshape,
    "shape_as": _shape_as,
    "permute": _permute,
    "swapaxes": _swapaxes,
    "moveaxis": _moveaxis,
    "torch_t": _unary_rule(fw.torch_t),
    "reverse": _unary_rule(algebra.reverse_dims),
    "matrix_transpose": _unary_rule(algebra.matrix_transpose),
    "keras_flatten": _unary_rule(fw.keras_flatten),
    "squeeze": _squeeze,
    "expand_dims": _expand_dims,
    "reduce": _reduce,
    "reduce_or_elementwise": _reduce_or_elementwise,
    "concat": _concat,
    "stack": _stack,
    "vstack": _vstack,
    "hstack": _hstack,
    "column_stack": partial(_stacker, name="column_stack"),
    "dstack": partial(_stacker, name="dstack"),
    "atleast_2d": _atleast_2d_op,
    "flatten": _flatten,
    "split": _split,
    "expand": _expand,
    "broadcast_to": _broadcast_to,
    "identity": _identity,
    "triangle": _triangle,
    "inplace_identity": _none,
    "size": _size,
    "shape_of": _shape_of,
    "ndim": _ndim,
    "numel": _numel,
    "unknown": _unknown,
}
