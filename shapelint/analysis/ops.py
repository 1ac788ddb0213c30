"""Generic op implementations, one per ``kind`` named in the framework tables.

Each reads its arguments by role, asks the numeric core for the result, and reports what the
rules need: an ``OpFailed`` when the core proves the call raises, an ``Elementwise`` or
``MatrixProduct`` when one happens. Anything unreadable gives an unknown result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from shapelint.analysis import convert
from shapelint.analysis.events import Elementwise, Event, MatrixProduct, OpFailed
from shapelint.analysis.frameworks.spec import ROLE_ALIASES, Op
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    IntValue,
    ListOf,
    ShapeValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra
from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


class Emitter(Protocol):
    def emit(self, event: Event) -> None: ...


@dataclass
class Call:
    """One call of a modelled API: who, where, and its arguments bound to roles."""

    emitter: Emitter
    node: Any
    display: str  # how the user wrote the callee, for messages
    qualname: str  # canonical name, e.g. "numpy.dot"
    spec: Op
    framework: str
    args: dict[str, Value] = field(default_factory=dict)
    varargs: list[Value] | None = None

    def get(self, role: str) -> Value | None:
        return self.args.get(role)

    def opt(self, name: str, default: Any = None) -> Any:
        return self.spec.opts.get(name, default)

    def fail(
        self,
        error: ShapeError,
        operands: tuple[Shape, ...],
        judge: tuple[str, tuple[Any, ...]] | None = None,
    ) -> None:
        self.emitter.emit(OpFailed(self.node, self.display, error.reason, operands, judge))

    def tensor(self, shape: Shape, **facts: Any) -> Tensor:
        return Tensor(shape, self.result_framework(), **facts)

    def result_framework(self) -> str:
        if self.spec.opts.get("framework"):
            return str(self.spec.opts["framework"])
        if self.framework:
            return self.framework
        for value in self.args.values():
            if isinstance(value, Tensor):
                return value.framework
        return "unknown"

    def unknown(self) -> Value:
        """Unknown result: still a tensor when a tensor went in, so its methods resolve."""
        has_tensor = any(isinstance(v, Tensor) for v in self.args.values()) or any(
            isinstance(v, Tensor) for v in self.varargs or ()
        )
        return self.tensor(UNKNOWN_SHAPE) if has_tensor or self.framework else UNKNOWN


def bind(
    spec: Op, positional: list[Value], keywords: dict[str, Value]
) -> tuple[dict[str, Value], list[Value] | None]:
    """Positional and keyword arguments to roles."""
    args: dict[str, Value] = {}
    varargs: list[Value] | None = None
    for index, value in enumerate(positional):
        role = spec.params[index] if index < len(spec.params) else None
        if spec.varargs is not None and (role == spec.varargs or role is None):
            varargs = list(positional[index:])
            break
        if role is not None:
            args[role] = value
    for name, value in keywords.items():
        raw = name in spec.params or spec.opts.get("raw_keywords")
        role = spec.aliases.get(name) or (name if raw else ROLE_ALIASES.get(name, name))
        args[role] = value
    return args, varargs


def apply(call: Call) -> Value:
    impl = KINDS.get(call.spec.kind)
    if impl is None:
        return call.unknown()
    return impl(call)


# -- helpers --------------------------------------------------------------------------


def _x(call: Call, role: str = "x") -> Tensor | None:
    value = call.get(role)
    return convert.literal_tensor(value, call.result_framework()) if value is not None else None


def _run(
    call: Call,
    rule: Callable[..., Shape],
    *args: Any,
    judge: str | None = None,
    operands: tuple[Shape, ...] = (),
) -> Shape | None:
    try:
        return rule(*args)
    except ShapeError as error:
        call.fail(
            error,
            operands or tuple(a for a in args if isinstance(a, Shape)),
            (judge, args) if judge else None,
        )
        return None


def _dims_arg(values: list[Value] | None, single: Value | None) -> Shape | None:
    if values is not None:
        return convert.varargs_shape(values)
    if single is not None:
        return convert.as_shape(single)
    return None


def _newshape(shape: Shape) -> list[Dim | int]:
    return [d.value if d.value is not None else d for d in shape.dims]


# -- constructors -------------------------------------------------------------------


def _shape(call: Call) -> Value:
    shape = _dims_arg(call.varargs, call.get("shape"))
    if shape is None:
        if (
            call.varargs is None
            and call.get("shape") is None
            and call.spec.params[:1] != ("shape",)
        ):
            return call.tensor(Shape(()))  # np.random.normal() with no size: a scalar
        return call.unknown()
    return call.tensor(shape) if not _negative(shape) else call.unknown()


def _negative(shape: Shape) -> bool:
    """A negative size: the constructor raises, so no array with this shape ever exists."""
    return any(d.value is not None and d.value < 0 for d in shape.dims)


def _like(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return call.unknown()
    if call.opt("random"):
        return call.tensor(x.shape, like=x.lineage)
    return call.tensor(x.shape)


def _array(call: Call) -> Value:
    declared = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if declared is not None and not convert.is_none(call.get("shape")):
        return call.tensor(declared)
    value = call.get("object")
    if isinstance(value, Tensor):
        return call.tensor(value.shape, lineage=value.lineage, label=value.label, like=value.like)
    shape = convert.nested_shape(value) if value is not None else None
    return call.tensor(shape) if shape is not None else call.unknown()


def _tensor_ctor(call: Call) -> Value:
    items = call.varargs or []
    if len(items) == 1 and isinstance(items[0], TupleValue) and items[0].is_list:
        shape = convert.nested_shape(items[0])
        return call.tensor(shape) if shape is not None else call.unknown()
    shape = convert.varargs_shape(items) if items else None
    return call.tensor(shape) if shape is not None and not _negative(shape) else call.unknown()


def _arange(call: Call) -> Value:
    start, stop, step = call.get("start"), call.get("stop"), call.get("step")
    if stop is None or convert.is_none(stop):
        start, stop = IntValue(Dim.of(0)), start
    begin = convert.as_dim(start) if start is not None else Dim.of(0)
    end = convert.as_dim(stop)
    stride = convert.as_int(step) if step is not None else 1
    if (
        not isinstance(stop, IntValue)
        or not isinstance(start, IntValue)
        or stride is None
        or stride == 0
    ):
        return call.tensor(Shape((UNKNOWN_DIM,)))
    span = end - begin
    if span.value is not None:
        length = max(0, -(-span.value // stride))
        return call.tensor(Shape.of(length))
    return call.tensor(Shape((span if stride == 1 else UNKNOWN_DIM,)))


def _linspace(call: Call) -> Value:
    num = call.get("num")
    if num is None:
        default = call.opt("default_num")
        return call.tensor(Shape.of(default) if default is not None else Shape((UNKNOWN_DIM,)))
    return call.tensor(Shape((convert.as_dim(num),)))


def _eye(call: Call) -> Value:
    n = convert.as_dim(call.get("N"))
    m_value = call.get("M")
    m = n if m_value is None or convert.is_none(m_value) else convert.as_dim(m_value)
    return call.tensor(Shape((n, m)))


def _randint(call: Call) -> Value:
    shape_value = call.get("shape")
    if shape_value is None and isinstance(call.get("high"), TupleValue):
        shape_value = call.get("high")  # torch.randint(high, size)
    shape = convert.as_shape(shape_value) if shape_value is not None else None
    return call.tensor(shape) if shape is not None else call.unknown()


def _normal(call: Call) -> Value:
    shape = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if shape is not None:
        return call.tensor(shape)
    mean, std = _x(call, "mean"), _x(call, "std")
    if isinstance(call.get("mean"), Tensor) and mean is not None and std is not None:
        result = _run(call, algebra.broadcast, mean.shape, std.shape, judge="broadcast")
        return call.tensor(result) if result is not None else call.unknown()
    return call.unknown()


def _parameter(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return Tensor(UNKNOWN_SHAPE, call.result_framework(), weight=True)
    return Tensor(
        x.shape,
        call.result_framework() if call.framework else x.framework,
        weight=True,
        like=x.like,
        label=x.label,
    )


# -- elementwise --------------------------------------------------------------------


def elementwise(
    emitter: Emitter,
    node: Any,
    symbol: str,
    left: Value,
    right: Value,
    framework: str,
    *,
    multiply: bool | None = None,
) -> Value:
    """A broadcasting binary op on two operands, shared by operators and functions.

    ``symbol`` names the op in messages (``*``, ``tf.multiply``); ``multiply`` says whether it
    is a product (defaults to ``symbol == "*"``).
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
        return Tensor(UNKNOWN_SHAPE, lt.framework if isinstance(left, Tensor) else rt.framework)
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        emitter.emit(
            Elementwise(
                node, symbol, left, right, result, symbol == "*" if multiply is None else multiply
            )
        )
    base = left if isinstance(left, Tensor) else right if isinstance(right, Tensor) else lt
    return Tensor(result, base.framework, intent=lt.intent or rt.intent)


def _elementwise(call: Call) -> Value:
    x, y = call.get("x"), call.get("y")
    if x is None or y is None:
        return call.unknown()
    multiply = call.opt("op_symbol") == "*"
    return elementwise(
        call.emitter, call.node, call.display, x, y, call.result_framework(), multiply=multiply
    )


def _where(call: Call) -> Value:
    parts = [
        convert.literal_tensor(v, call.result_framework())
        for v in (call.get("condition"), call.get("x"), call.get("y"))
        if v is not None
    ]
    if len(parts) == 1 and parts[0] is not None:
        return TupleValue(())  # np.where(cond): a tuple of index arrays
    if len(parts) != 3 or any(p is None for p in parts):
        return call.unknown()
    shapes = tuple(p.shape for p in parts if p is not None)
    result = _run(call, algebra.broadcast, *shapes, judge="broadcast")
    return call.tensor(result) if result is not None else call.unknown()


# -- products -----------------------------------------------------------------------


def _product(call: Call, rule: Callable[..., Shape], judge: str | None, *extra: Any) -> Value:
    left, right = _x(call, "x"), _x(call, "y")
    if left is None or right is None:
        return call.unknown()
    result = _run(call, rule, left.shape, right.shape, *extra, judge=judge)
    if isinstance(call.get("x"), Tensor) and isinstance(call.get("y"), Tensor):
        call.emitter.emit(MatrixProduct(call.node, call.qualname, left, right, result))
    return call.tensor(result) if result is not None else call.unknown()


def _matmul(call: Call) -> Value:
    return _product(call, algebra.matmul, "matmul")


def _dot(call: Call) -> Value:
    return _product(call, algebra.dot, "dot")


def _mm(call: Call) -> Value:
    return _product(call, fw.mm, None)


def _bmm(call: Call) -> Value:
    return _product(call, fw.bmm, None)


def _mv(call: Call) -> Value:
    return _product(call, fw.mv, None)


def _keras_dot(call: Call) -> Value:
    return _product(call, fw.keras_dot, None)


def _keras_batch_dot(call: Call) -> Value:
    axes = convert.as_axes(call.get("axis"))
    if axes is ...:
        return call.unknown()
    return _product(call, fw.keras_batch_dot, None, axes)


def _tf_matmul(call: Call) -> Value:
    flags = [
        convert.as_bool(call.get(name), False)
        for name in ("transpose_a", "transpose_b", "adjoint_a", "adjoint_b")
    ]
    if any(f is None for f in flags):
        return call.unknown()
    return _product(call, fw.tf_matmul, None, *flags)


def _vdot(call: Call) -> Value:
    def rule(a: Shape, b: Shape) -> Shape:
        if call.framework == "torch" and (
            (a.rank is not None and a.rank != 1) or (b.rank is not None and b.rank != 1)
        ):
            raise ShapeError(f"1D tensors expected, but got {a} and {b}")
        if a.numel().equals(b.numel()) is False:
            raise ShapeError(
                f"inconsistent sizes: {a} and {b} ({a.numel()} vs {b.numel()} elements)"
            )
        return Shape(())

    return _product(call, rule, None)


def _outer(call: Call) -> Value:
    return _product(call, lambda a, b: Shape((a.numel(), b.numel())), None)


def _tensordot(call: Call) -> Value:
    value = call.get("axis")
    axes: Any = 2
    if value is not None:
        axes = convert.as_int(value)
        if axes is None and isinstance(value, TupleValue) and len(value.items) == 2:
            pair = [convert.as_axes(v) for v in value.items]
            if any(p is ... or p is None for p in pair):
                return call.unknown()
            axes = tuple((p,) if isinstance(p, int) else p for p in pair)
        if axes is None:
            return call.unknown()
    return _product(call, algebra.tensordot, "tensordot", axes)


def _einsum(call: Call) -> Value:
    subscripts = convert.as_str(call.get("subscripts"))
    operands = list(call.varargs or [])
    if subscripts is None and operands:
        subscripts = convert.as_str(
            operands.pop(0)
        )  # einsum passed positionally after varargs binding
    if len(operands) == 1 and isinstance(operands[0], TupleValue):
        operands = list(operands[0].items)  # torch.einsum("ij,jk", [a, b])
    tensors = [convert.literal_tensor(v, call.result_framework()) for v in operands]
    if subscripts is None or not tensors or any(t is None for t in tensors):
        return call.unknown()
    shapes = tuple(t.shape for t in tensors if t is not None)
    result = _run(call, algebra.einsum, subscripts, *shapes, judge="einsum", operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _f_linear(call: Call) -> Value:
    x, weight = _x(call), _x(call, "weight")
    bias = (
        _x(call, "bias")
        if call.get("bias") is not None and not convert.is_none(call.get("bias"))
        else None
    )
    if x is None or weight is None:
        return call.unknown()
    result = _run(
        call,
        fw.f_linear,
        x.shape,
        weight.shape,
        bias.shape if bias else None,
        operands=(x.shape, weight.shape),
    )
    return call.tensor(result) if result is not None else call.unknown()


# -- shape manipulation -------------------------------------------------------------


def _reshape(call: Call) -> Value:
    x = _x(call)
    target = _dims_arg(call.varargs, call.get("shape"))
    if x is None or target is None or target.variadic:
        return call.unknown() if x is None else x.with_shape(_reshape_unknown(target), intent=True)
    result = _run(
        call,
        algebra.reshape,
        x.shape,
        _newshape(target),
        judge="reshape",
        operands=(x.shape, target),
    )
    return x.with_shape(result, intent=True) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _reshape_unknown(target: Shape | None) -> Shape:
    if target is None:
        return UNKNOWN_SHAPE
    return Shape(tuple(UNKNOWN_DIM if d.value == -1 else d for d in target.dims), target.variadic)


def _shape_as(call: Call) -> Value:
    x, y = _x(call), _x(call, "y")
    if x is None or y is None:
        return call.unknown()
    if call.qualname.endswith("expand_as"):
        return x.with_shape(y.shape, intent=True)
    if y.shape.variadic:
        return x.with_shape(y.shape, intent=True)
    result = _run(call, algebra.reshape, x.shape, _newshape(y.shape), judge="reshape")
    return x.with_shape(result if result is not None else y.shape, intent=True)


def _permute(call: Call) -> Value:
    x = _x(call)
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
    result = _run(call, algebra.permute, x.shape, axes, judge="permute")
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _swapaxes(call: Call) -> Value:
    x = _x(call)
    i, j = convert.as_int(call.get("axis1")), convert.as_int(call.get("axis2"))
    if x is None:
        return call.unknown()
    if i is None or j is None:
        return x.with_shape(
            Shape.unknown_rank(x.shape.rank) if x.shape.rank is not None else UNKNOWN_SHAPE
        )
    result = _run(call, algebra.swapaxes, x.shape, i, j, judge="swapaxes")
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _unary_rule(rule: Callable[[Shape], Shape]) -> Callable[[Call], Value]:
    def impl(call: Call) -> Value:
        x = _x(call)
        if x is None:
            return call.unknown()
        result = _run(call, rule, x.shape)
        return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)

    return impl


def _squeeze(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return call.unknown()
    axes = convert.as_axes(call.get("axis"))
    if axes is ...:
        return x.with_shape(UNKNOWN_SHAPE)
    strict = bool(call.opt("strict", True))
    judge = "squeeze" if strict else None
    result = _run(
        call, lambda s, a: algebra.squeeze(s, a, strict=strict), x.shape, axes, judge=judge
    )
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _expand_dims(call: Call) -> Value:
    x = _x(call)
    axes = convert.as_axes(call.get("axis"))
    if x is None:
        return call.unknown()
    if axes is ... or axes is None:
        return x.with_shape(UNKNOWN_SHAPE, intent=True)
    result = _run(call, algebra.expand_dims, x.shape, axes, judge="expand_dims")
    return x.with_shape(result, intent=True) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _reduce(call: Call) -> Value:
    x = _x(call)
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
    result = _run(call, algebra.reduce, x.shape, axes, keepdims, judge="reduce")
    return call.tensor(result if result is not None else UNKNOWN_SHAPE, intent=keepdims)


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
        joined = _unknown_at(item, axis)
        return call.tensor(joined) if joined is not None else call.unknown()
    return _combine(call, seq, algebra.concatenate, axis, "concatenate")


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
        stacked = _unknown_at(expanded, axis)
        return call.tensor(stacked) if stacked is not None else call.unknown()
    return _combine(call, seq, algebra.stack, axis, "stack")


def _combine(
    call: Call, seq: Value | None, rule: Callable[..., Shape], axis: int | None, judge: str
) -> Value:
    """``cat``/``stack`` of a literal sequence of tensors."""
    tensors = convert.tensor_items(seq) if seq is not None else None
    if not tensors:
        return call.unknown()
    shapes = tuple(t.shape for t in tensors)
    result = _run(call, rule, shapes, axis, judge=judge, operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _unknown_at(shape: Shape, axis: int) -> Shape | None:
    """``shape`` with the dim at ``axis`` unknown (a list of unknown length joined there)."""
    try:
        position = algebra.normalise_axis(axis, len(shape.dims))
    except ShapeError:
        return None
    dims = list(shape.dims)
    dims[position] = UNKNOWN_DIM
    return Shape(tuple(dims), shape.variadic)


def _vstack(call: Call) -> Value:
    seq = call.get("seq")
    tensors = convert.tensor_items(seq) if seq is not None else None
    if not tensors:
        return call.unknown()
    shapes = tuple(_atleast_2d(t.shape) for t in tensors)
    result = _run(call, algebra.concatenate, shapes, 0, judge="concatenate", operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _hstack(call: Call) -> Value:
    seq = call.get("seq")
    tensors = convert.tensor_items(seq) if seq is not None else None
    if not tensors:
        return call.unknown()
    shapes = tuple(t.shape for t in tensors)
    axis = 0 if all(s.rank == 1 for s in shapes) else 1
    if any(s.rank is None for s in shapes):
        return call.unknown()
    result = _run(call, algebra.concatenate, shapes, axis, judge="concatenate", operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _atleast_2d(shape: Shape) -> Shape:
    if shape.rank == 0:
        return Shape.of(1, 1)
    if shape.rank == 1:
        return Shape((Dim.of(1), *shape.dims))
    return shape


def _atleast_2d_op(call: Call) -> Value:
    x = _x(call)
    return x.with_shape(_atleast_2d(x.shape)) if x is not None else call.unknown()


def _flatten(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return call.unknown()
    start = convert.as_int(call.get("start_dim")) if call.get("start_dim") is not None else 0
    end = convert.as_int(call.get("end_dim")) if call.get("end_dim") is not None else -1
    if start is None or end is None:
        return x.with_shape(UNKNOWN_SHAPE)
    result = _run(call, algebra.flatten, x.shape, start, end)
    return x.with_shape(result) if result is not None else x.with_shape(UNKNOWN_SHAPE)


def _split(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return call.unknown()
    axis = convert.as_int(call.get("axis")) if call.get("axis") is not None else 0
    if axis is None or x.shape.variadic and axis >= 0:
        return ListOf(x.with_shape(UNKNOWN_SHAPE, keep_lineage=False))
    piece = _unknown_at(x.shape, axis)
    return ListOf(x.with_shape(piece or UNKNOWN_SHAPE, keep_lineage=False))


def _expand(call: Call) -> Value:
    x = _x(call)
    target = _dims_arg(call.varargs, call.get("shape"))
    if x is None or target is None or target.variadic:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE, intent=True)
    new = len(target.dims) - len(x.shape.dims)
    if new < 0 and not x.shape.variadic:
        call.fail(
            ShapeError(f"cannot expand {x.shape} to fewer dimensions {target}"), (x.shape, target)
        )
        return x.with_shape(UNKNOWN_SHAPE, intent=True)
    dims: list[Dim] = []
    for index, want in enumerate(target.dims):
        have = x.shape[index - len(target.dims)] if index >= new else None
        if want.value == -1:
            dims.append(have if have is not None else UNKNOWN_DIM)
            continue
        if have is not None and have.equals(want) is False and have.is_one() is False:
            call.fail(
                ShapeError(
                    f"expanded size {want} must match the existing size {have} of {x.shape} "
                    f"at dim {index}"
                ),
                (x.shape, target),
            )
            return x.with_shape(UNKNOWN_SHAPE, intent=True)
        dims.append(want)
    return x.with_shape(Shape(tuple(dims)), intent=True)


def _repeat(call: Call) -> Value:
    x = _x(call)
    sizes = _dims_arg(call.varargs, call.get("shape"))
    if x is None or sizes is None or sizes.variadic or x.shape.variadic:
        return call.unknown() if x is None else x.with_shape(UNKNOWN_SHAPE)
    extra = len(sizes.dims) - len(x.shape.dims)
    if extra < 0:
        call.fail(
            ShapeError(
                f"`repeat` needs at least {len(x.shape.dims)} sizes for {x.shape}, got {sizes}"
            ),
            (x.shape,),
        )
        return x.with_shape(UNKNOWN_SHAPE)
    dims = list(sizes.dims[:extra]) + [d * s for d, s in zip(x.shape.dims, sizes.dims[extra:])]
    return x.with_shape(Shape(tuple(dims)), keep_lineage=False)


def _broadcast_to(call: Call) -> Value:
    x = _x(call)
    target = convert.as_shape(call.get("shape")) if call.get("shape") is not None else None
    if x is None or target is None:
        return call.unknown()
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
        framework = call.opt("framework") or x.framework
        return Tensor(x.shape, framework, x.weight, x.like, x.intent, x.label, x.lineage)
    converted = _x(call)
    return call.tensor(converted.shape) if converted is not None else call.unknown()


def _size(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return UNKNOWN
    axis = call.get("axis")
    if axis is None:
        return ShapeValue(x.shape)
    index = convert.as_int(axis)
    return IntValue(x.shape[index]) if index is not None else IntValue(UNKNOWN_DIM)


def _shape_of(call: Call) -> Value:
    x = _x(call)
    return ShapeValue(x.shape) if x is not None else UNKNOWN


def _ndim(call: Call) -> Value:
    x = _x(call)
    rank = x.shape.rank if x is not None else None
    return IntValue(Dim.of(rank) if rank is not None else UNKNOWN_DIM)


def _numel(call: Call) -> Value:
    x = _x(call)
    return IntValue(x.shape.numel() if x is not None else UNKNOWN_DIM)


def _none(call: Call) -> Value:
    return Constant(None)


def _unknown(call: Call) -> Value:
    return call.unknown()


def _moveaxis(call: Call) -> Value:
    x = _x(call)
    if x is None:
        return call.unknown()
    rank = x.shape.rank
    return x.with_shape(Shape.unknown_rank(rank) if rank is not None else UNKNOWN_SHAPE)


def _einops(call: Call) -> Value:
    from shapelint.analysis.einops_ops import apply_einops

    return apply_einops(call)


def _einops_einsum(call: Call) -> Value:
    from shapelint.analysis.einops_ops import apply_einops_einsum

    return apply_einops_einsum(call)


KINDS: dict[str, Callable[[Call], Value]] = {
    "shape": _shape,
    "like": _like,
    "array": _array,
    "tensor_ctor": _tensor_ctor,
    "arange": _arange,
    "linspace": _linspace,
    "eye": _eye,
    "randint": _randint,
    "normal": _normal,
    "parameter": _parameter,
    "elementwise": _elementwise,
    "where": _where,
    "matmul": _matmul,
    "dot": _dot,
    "vdot": _vdot,
    "outer": _outer,
    "mm": _mm,
    "bmm": _bmm,
    "mv": _mv,
    "keras_dot": _keras_dot,
    "keras_batch_dot": _keras_batch_dot,
    "tf_matmul": _tf_matmul,
    "tensordot": _tensordot,
    "einsum": _einsum,
    "f_linear": _f_linear,
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
    "atleast_2d": _atleast_2d_op,
    "flatten": _flatten,
    "split": _split,
    "expand": _expand,
    "repeat": _repeat,
    "broadcast_to": _broadcast_to,
    "identity": _identity,
    "inplace_identity": _none,
    "size": _size,
    "shape_of": _shape_of,
    "ndim": _ndim,
    "numel": _numel,
    "unknown": _unknown,
    "einops": _einops,
    "einops_einsum": _einops_einsum,
}


# -- losses -------------------------------------------------------------------------


def pointwise_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``mse_loss``/``l1_loss``: torch broadcasts input against target (with only a warning),
    so (N, 1) against (N,) silently averages N*N differences."""
    elementwise(emitter, node, display, prediction, target, framework, multiply=False)
    return Tensor(Shape(()), framework)


def class_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``cross_entropy``/``nll_loss``: input (N, C, d...) against class indices (N, d...) or
    probabilities shaped like the input."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is None or y is None or x.shape.variadic or y.shape.variadic:
        return Tensor(UNKNOWN_SHAPE, framework)
    xd, yd = x.shape.dims, y.shape.dims
    reason = None
    if len(xd) >= 2 and len(yd) == len(xd) - 1:
        expected = (xd[0], *xd[2:])
        if xd[0].equals(yd[0]) is False:
            reason = (
                f"expected the target's batch size {yd[0]} to match the input's {xd[0]}: "
                f"input {x.shape}, target {y.shape}"
            )
        elif any(a.equals(b) is False for a, b in zip(expected, yd)):
            reason = f"target {y.shape} does not match input {x.shape} without its class dim"
    elif len(yd) == len(xd) and x.shape.equals(y.shape) is False:
        reason = f"class probabilities {y.shape} must have the input's shape {x.shape}"
    elif len(xd) >= 1 and len(yd) not in (len(xd), len(xd) - 1):
        reason = f"target {y.shape} has the wrong rank for input {x.shape}"
    if reason is not None:
        emitter.emit(OpFailed(node, display, reason, (x.shape, y.shape)))
    return Tensor(Shape(()), framework)


def same_shape_loss(
    emitter: Emitter, node: Any, display: str, prediction: Value, target: Value, framework: str
) -> Value:
    """``binary_cross_entropy`` and friends: the target must have the input's shape."""
    x = convert.literal_tensor(prediction, framework)
    y = convert.literal_tensor(target, framework)
    if x is not None and y is not None and x.shape.equals(y.shape) is False:
        emitter.emit(
            OpFailed(
                node,
                display,
                f"target size {y.shape} must be the same as input size {x.shape}",
                (x.shape, y.shape),
            )
        )
    return Tensor(Shape(()), framework)


LOSSES: dict[str, Callable[[Emitter, Any, str, Value, Value, str], Value]] = {
    "pointwise": pointwise_loss,
    "class": class_loss,
    "same_shape": same_shape_loss,
}


def _loss(call: Call) -> Value:
    prediction, target = call.get("x"), call.get("y")
    if prediction is None or target is None or convert.as_str(call.get("reduction")) == "none":
        return call.unknown()
    return LOSSES[str(call.opt("loss"))](
        call.emitter, call.node, call.display, prediction, target, call.result_framework()
    )


KINDS["loss"] = _loss


# -- functional convolutions ----------------------------------------------------------


def _f_conv(call: Call) -> Value:
    """``F.conv2d(x, weight, bias, stride, padding, dilation, groups)``: weight is
    (out, in/groups, *kernel)."""
    x, weight = _x(call), _x(call, "weight")
    if x is None or weight is None or weight.shape.rank is None or weight.shape.rank < 3:
        return call.unknown()
    ndim = weight.shape.rank - 2
    groups = convert.as_int(call.get("groups")) if call.get("groups") is not None else 1
    sizes: dict[str, int | str | tuple[int, ...] | None] = {}
    for name, default in (("stride", 1), ("padding", 0), ("dilation", 1)):
        value = call.get(name)
        if value is None:
            sizes[name] = default
        elif convert.as_str(value) is not None:
            sizes[name] = convert.as_str(value)
        else:
            sizes[name] = convert.as_int_tuple(value, ndim)
    if groups is None or any(v is None for v in sizes.values()):
        return call.unknown()
    out, per_group, *kernel = weight.shape.dims
    result = _run_keywords(
        call,
        fw.conv,
        x.shape,
        ndim=ndim,
        out_channels=out,
        kernel_size=tuple(kernel),
        in_channels=per_group * groups,
        groups=groups,
        style="torch",
        **sizes,
    )
    return call.tensor(result) if result is not None else call.unknown()


def _tf_conv(call: Call) -> Value:
    """``tf.nn.conv2d(x, filters, strides, padding)``: filters are (*kernel, in, out)."""
    x, filters = _x(call), _x(call, "weight")
    padding = convert.as_str(call.get("padding"))
    data_format = convert.as_str(call.get("data_format")) or "NHWC"
    if (
        x is None
        or filters is None
        or filters.shape.rank is None
        or filters.shape.rank < 3
        or padding is None
    ):
        return call.unknown()
    ndim = filters.shape.rank - 2
    strides_value = call.get("stride")
    strides = convert.as_int(strides_value) if isinstance(strides_value, IntValue) else None
    if strides is None and isinstance(strides_value, TupleValue):
        ints = [convert.as_int(v) for v in strides_value.items]
        if len(ints) == ndim + 2:
            ints = ints[1:-1] if data_format.endswith("C") else ints[2:]
        if len(ints) in (1, ndim) and all(i is not None for i in ints):
            strides = ints[0] if len(set(ints)) == 1 else tuple(ints)  # type: ignore[assignment]
    if strides is None:
        return call.unknown()
    *kernel, per_group, out = filters.shape.dims
    result = _run_keywords(
        call,
        fw.conv,
        x.shape,
        ndim=ndim,
        out_channels=out,
        kernel_size=tuple(kernel),
        stride=strides,
        padding=padding.lower(),
        channels_last=data_format.endswith("C"),
        in_channels=per_group,
        style="keras",
    )
    return call.tensor(result) if result is not None else call.unknown()


def _run_keywords(call: Call, rule: Callable[..., Shape], x: Shape, **kwargs: Any) -> Shape | None:
    try:
        return rule(x, **kwargs)
    except ShapeError as error:
        call.fail(error, (x,))
        return None


KINDS["f_conv"] = _f_conv
KINDS["tf_conv"] = _tf_conv
