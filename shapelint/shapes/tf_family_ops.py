"""Rules of the TensorFlow-backed and JAX ops where they differ from NumPy's.

Found by replaying grids recorded from the real libraries (``tests/data/grids/``):

- TensorFlow, Keras (both generations) and JAX reject an axis on a 0-d tensor, which NumPy
  accepts as 0 or -1 (reductions, ``squeeze``).
- Reductions without an identity (``max``, ``argmax``) fail on an empty reduced dim in JAX
  and Keras 3, as in NumPy; TensorFlow's ``reduce_max`` does not.
- TensorFlow's ``einsum`` does not broadcast a label's size-1 dims, orders an implicit
  output differently from NumPy, and ``tensordot`` only needs the contracted dims to hold
  as many elements on both sides (it reshapes, then multiplies matrices).
- Keras 3 on TensorFlow: ``ops.add`` takes a second operand that squeezes to one dim
  matching the first operand's dim 1 or last dim as a bias (``tf.nn.bias_add``, no
  broadcasting); ``hstack``/``vstack`` are plain ``tf.concat`` calls (no ``atleast_Nd``);
  ``reshape`` is TensorFlow's.
- Keras 2's ``K.concatenate`` wraps a negative axis modulo the rank; ``K.batch_flatten`` is
  a TensorFlow reshape to ``[-1, prod(rest)]``.
- ``moveaxis`` in JAX and Keras 3 does not reject repeated axes the way NumPy does (its
  result is then not modelled: unknown).

Pure functions over ``Shape``; they raise ``ShapeError`` only on provable failure.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.shapes import algebra, framework_ops
from shapelint.shapes import numpy_family as nf
from shapelint.shapes.shape import UNKNOWN_SHAPE, Dim, Shape, ShapeError

Axes = int | Sequence[int] | None


def _no_scalar_axis(a: Shape, axis: Axes) -> None:
    if a.rank == 0 and axis is not None and (isinstance(axis, int) or list(axis)):
        raise ShapeError(f"axis {axis} is out of bounds for the 0-d tensor {a}")


def reduce(a: Shape, axis: Axes, keepdims: bool = False, *, identity: bool = True) -> Shape:
    """A TensorFlow, Keras or JAX reduction: no axis on a 0-d tensor; without an
    ``identity``, an empty reduced dim (or an empty tensor reduced whole) fails."""
    _no_scalar_axis(a, axis)
    if axis is not None and not isinstance(axis, int) and not list(axis):
        return a  # an empty axis list reduces nothing
    result = algebra.reduce(a, axis, keepdims)
    if not identity and not a.variadic:
        if axis is None:
            empty = a.numel().value == 0
        else:
            axes = [axis] if isinstance(axis, int) else list(axis)
            empty = any(a.dims[algebra.normalise_axis(k, len(a.dims))].value == 0 for k in axes)
        if empty:
            raise ShapeError(f"cannot reduce over an empty dim of {a} without an identity")
    return result


def squeeze(a: Shape, axis: Axes = None) -> Shape:
    """``tf.squeeze`` / ``jnp.squeeze`` / ``keras.ops.squeeze``: no axis on a 0-d tensor;
    a repeated axis counts once."""
    _no_scalar_axis(a, axis)
    if axis is not None and not isinstance(axis, int) and not a.variadic and a.dims:
        axis = sorted({algebra.normalise_axis(k, len(a.dims)) for k in axis})
    return framework_ops.tf_squeeze(a, axis)


def tf_argmax(a: Shape, axis: int | None) -> Shape:
    """``tf.argmax``: one axis (default 0), no ``keepdims``; a 0-d tensor fails."""
    if a.rank == 0:
        raise ShapeError(f"tf.argmax needs a tensor of rank >= 1, got {a}")
    return algebra.reduce(a, 0 if axis is None else axis)


def tf_einsum(subscripts: str, *operands: Shape) -> Shape:
    """TensorFlow's ``einsum``: no size-1 broadcasting of labels; an implicit output of
    more than one label is ordered by TensorFlow's own rule (its dims are unknown here)."""
    result = algebra.einsum(subscripts, *operands, broadcast_labels=False)
    if "->" not in subscripts and result.rank is not None and result.rank > 1:
        return Shape.unknown_rank(result.rank)
    return result


def tf_tensordot(
    a: Shape, b: Shape, axes: int | tuple[Sequence[int] | int, Sequence[int] | int] = 2
) -> Shape:
    """``tf.tensordot``: the contracted dims must hold as many elements on both sides
    (not pairwise equal): the result is still a's free dims then b's."""
    try:
        return algebra.tensordot(a, b, axes)
    except ShapeError:
        pairs = framework_ops.contracted_pairs(a, b, axes)
        if pairs is None:
            raise
    left = Shape(tuple(a.dims[i] for i, _ in pairs)).numel()
    right = Shape(tuple(b.dims[j] for _, j in pairs)).numel()
    if left.equals(right) is False:
        raise ShapeError(f"tensordot contracts {left} elements of {a} against {right} of {b}")
    loose_a = Shape(
        tuple(
            Dim.unknown() if any(i % len(a.dims) == k % len(a.dims) for i, _ in pairs) else d
            for k, d in enumerate(a.dims)
        )
    )
    loose_b = Shape(
        tuple(
            Dim.unknown() if any(j % len(b.dims) == k % len(b.dims) for _, j in pairs) else d
            for k, d in enumerate(b.dims)
        )
    )
    return algebra.tensordot(loose_a, loose_b, axes)


def keras3_add(x1: Shape, x2: Shape) -> Shape:
    """``keras.ops.add`` on TensorFlow: a second operand whose dims above 1 are a single
    known one, equal to the first operand's dim 1 or last dim (rank >= 2), is a bias: the
    result keeps the first operand's shape (and the bias must squeeze to 1-D)."""
    if x1.variadic or x2.variadic or any(d.value is None for d in x1.dims + x2.dims):
        try:
            return algebra.broadcast(x1, x2)
        except ShapeError:
            return UNKNOWN_SHAPE  # the bias path might take it
    big = [d.value for d in x2.dims if d.value is not None and d.value > 1]
    channels = {x1.dims[1].value, x1.dims[-1].value} if len(x1.dims) > 1 else set()
    if len(big) == 1 and big[0] in channels:
        if len([d for d in x2.dims if d.value != 1]) != 1:
            raise ShapeError(f"bias_add needs a bias that squeezes to 1-D, got {x2}")
        return x1
    return algebra.broadcast(x1, x2)


def keras3_hstack(shapes: Sequence[Shape]) -> Shape:
    """Keras 3 ``hstack`` on TensorFlow: ``tf.concat`` along 0 when the first is 1-D,
    else along 1 (no ``atleast_1d``)."""
    if not shapes:
        raise ShapeError("hstack needs at least one tensor")
    if shapes[0].rank is None:
        return UNKNOWN_SHAPE
    return framework_ops.tf_concat(shapes, 0 if shapes[0].rank == 1 else 1)


def keras3_vstack(shapes: Sequence[Shape]) -> Shape:
    """Keras 3 ``vstack`` on TensorFlow: ``tf.concat`` along 0 (no ``atleast_2d``)."""
    if not shapes:
        raise ShapeError("vstack needs at least one tensor")
    return framework_ops.tf_concat(shapes, 0)


def keras_backend_concat(shapes: Sequence[Shape], axis: int = -1) -> Shape:
    """Keras 2 ``K.concatenate``: a negative axis is taken modulo the first tensor's rank
    (0 for a 0-d one), then ``tf.concat``."""
    if axis < 0 and shapes:
        rank = shapes[0].rank
        if rank is None:
            return framework_ops.tf_concat(shapes, axis) if len(shapes) > 1 else shapes[0]
        axis = axis % rank if rank else 0
    return framework_ops.tf_concat(shapes, axis)


def batch_flatten(a: Shape) -> Shape:
    """Keras 2 ``K.batch_flatten``: a TensorFlow reshape to ``[-1, prod(a[1:])]``."""
    if a.variadic:
        return Shape((Dim.unknown(), Dim.unknown()))
    rest = Shape(a.dims[1:]).numel()
    return framework_ops.tf_reshape(a, [-1, rest])


def loose_moveaxis(
    a: Shape, source: int | Sequence[int], destination: int | Sequence[int]
) -> Shape:
    """``moveaxis`` in JAX and Keras 3: NumPy's rule, but repeated axes are not rejected
    the same way, so a call with any is unknown."""
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    if not a.variadic and a.dims and len(src) == len(dst):
        rank = len(a.dims)
        try:
            src_n = [algebra.normalise_axis(k, rank) for k in src]
            dst_n = [algebra.normalise_axis(k, rank) for k in dst]
        except ShapeError:
            return nf.moveaxis(a, source, destination)
        if len(set(src_n)) != len(src_n) or len(set(dst_n)) != len(dst_n):
            return Shape.unknown_rank(rank)
    return nf.moveaxis(a, source, destination)


def jax_einsum(subscripts: str, *operands: Shape) -> Shape:
    """``jnp.einsum``: ellipsis dims left out of the output are summed (as torch does), and
    a size-1 dim may stand in for a label's size where NumPy rejects it; so a failure is
    proved only when it holds with every size-1 dim unknown."""
    try:
        return framework_ops.torch_einsum(subscripts, *operands)
    except ShapeError:
        loose = [
            Shape(tuple(Dim.unknown() if d.value == 1 else d for d in s.dims), s.variadic)
            for s in operands
        ]
        framework_ops.torch_einsum(subscripts, *loose)
        return UNKNOWN_SHAPE


def jax_split(a: Shape, sections: int | Sequence[int], axis: int = 0) -> list[Shape] | None:
    """``jnp.split``: NumPy's rule; cut indices must lie in ``[0, size]`` and not
    decrease (NumPy allows slicing-style indices)."""
    if not isinstance(sections, int):
        size = nf.split_axis_size(a, axis)
        bounds = list(sections)
        if size.value is not None and any(b < 0 or b > size.value for b in bounds):
            raise ShapeError(f"split indices {bounds} must lie within [0, {size}]")
        if any(b < 0 for b in bounds) or bounds != sorted(bounds):
            raise ShapeError(f"split indices {bounds} must be non-negative and non-decreasing")
    return nf.split(a, sections, axis, exact=True)
