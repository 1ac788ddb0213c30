"""Op kinds that contract dims: matmul/dot/mm/bmm/mv, the Keras and TF products, tensordot,
einsum, functional linear, and the functional convolutions (torch ``F.conv*``, ``tf.nn.conv*``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.events import MatrixProduct
from shapelint.analysis.opcall import (
    Call,
    family_rule,
    input_tensor,
    run_keywords,
    run_rule,
)
from shapelint.analysis.values import (
    IntValue,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra, family_rules
from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import Shape, ShapeError


def _product(call: Call, rule: Callable[..., Shape], judge: str | None, *extra: Any) -> Value:
    left, right = input_tensor(call, "x"), input_tensor(call, "y")
    if left is None or right is None:
        return call.unknown()
    result = run_rule(call, rule, left.shape, right.shape, *extra, judge=judge)
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
    rule, judge = family_rule(call, "tensordot")
    return _product(call, rule, judge, axes)


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
    rule, judge = family_rule(call, "einsum")
    result = run_rule(call, rule, subscripts, *shapes, judge=judge, operands=shapes)
    return call.tensor(result) if result is not None else call.unknown()


def _f_linear(call: Call) -> Value:
    x, weight = input_tensor(call), input_tensor(call, "weight")
    bias = (
        input_tensor(call, "bias")
        if call.get("bias") is not None and not convert.is_none(call.get("bias"))
        else None
    )
    if x is None or weight is None:
        return call.unknown()
    result = run_rule(
        call,
        family_rules.rule("linear", call.family) or fw.f_linear,
        x.shape,
        weight.shape,
        bias.shape if bias else None,
        operands=(x.shape, weight.shape),
    )
    return call.tensor(result) if result is not None else call.unknown()


def _f_conv(call: Call) -> Value:
    """``F.conv2d(x, weight, bias, stride, padding, dilation, groups)``: weight is
    (out, in/groups, *kernel)."""
    x, weight = input_tensor(call), input_tensor(call, "weight")
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
    result = run_keywords(
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
    x, filters = input_tensor(call), input_tensor(call, "weight")
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
    result = run_keywords(
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


KINDS: dict[str, Callable[[Call], Value]] = {
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
    "f_conv": _f_conv,
    "tf_conv": _tf_conv,
}
