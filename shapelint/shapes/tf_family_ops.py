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
- ``moveaxis`` in JAX and Keras 3 builds an order and transposes, so repeated axes fail
  only when that order is no permutation; ``jnp.squeeze`` keeps NumPy's empty axis list.

Pure functions over ``Shape``; they raise ``ShapeError`` only on provable failure.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence

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
    """``tf.argmax``: one axis (default 0), no ``keepdims``; a 0-d tensor or an empty
    reduced dim fails."""
    if a.rank == 0:
        raise ShapeError(f"tf.argmax needs a tensor of rank >= 1, got {a}")
    axis = 0 if axis is None else axis
    result = algebra.reduce(a, axis)
    if not a.variadic and a.dims[algebra.normalise_axis(axis, len(a.dims))].value == 0:
        raise ShapeError(f"tf.argmax over an empty dim of {a}")
    return result


def tf_einsum(subscripts: str, *operands: Shape) -> Shape:
    """TensorFlow's ``einsum``: no size-1 broadcasting of labels; an implicit output is
    every label written once, sorted, the ellipsis among them (first) only when one input
    has it, so ``'...a,...a'`` drops the ellipsis dims, an error. From three operands on
    (``opt_einsum``), an output ``...`` needs one in the inputs. Label sizes are not
    checked the same way when an operand is empty: a call that fails only through an
    empty operand's sizes is unknown instead of an error."""
    text = subscripts.replace(" ", "")
    inputs, arrow, output = text.partition("->")
    if not arrow:
        labels = inputs.replace("...", "0")
        once = sorted(c for c in set(labels) if c != "," and labels.count(c) == 1)
        output = "".join(once).replace("0", "...")
        text = f"{inputs}->{output}"
    elif "..." in output and "..." not in inputs and len(operands) >= 3:
        raise ShapeError(f"einsum output {output!r} has '...' but no input does")
    try:
        return algebra.einsum(text, *operands, broadcast_labels=False, numpy_views=False)
    except ShapeError:
        loose = [
            Shape(tuple(Dim.unknown() for _ in s.dims), s.variadic)
            if any(d.value == 0 for d in s.dims)
            else s
            for s in operands
        ]
        if loose == list(operands):
            raise
        algebra.einsum(text, *loose, broadcast_labels=False, numpy_views=False)
        return UNKNOWN_SHAPE


def tf_tensordot(
    a: Shape, b: Shape, axes: int | tuple[Sequence[int] | int, Sequence[int] | int] = 2
) -> Shape:
    """``tf.tensordot``: the contracted dims must hold as many elements on both sides
    (not pairwise equal): the result is still a's free dims then b's. With every dim
    known, TensorFlow's own steps are followed (``_tensordot_concrete``), repeated axes
    included; otherwise a repeated axis gives an unknown result."""
    known_a, known_b = a.concrete(), b.concrete()
    if known_a is not None and known_b is not None:
        return _tensordot_concrete(list(known_a), list(known_b), axes)
    pairs = framework_ops.contracted_pairs(a, b, axes)
    if pairs is not None:
        lefts = {i % len(a.dims) for i, _ in pairs}
        rights = {j % len(b.dims) for _, j in pairs}
        if len(lefts) < len(pairs) or len(rights) < len(pairs):
            return UNKNOWN_SHAPE
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


# the subscripts (after renaming) Keras 3 on TensorFlow runs as matmul, reshape and
# transpose calls instead of ``tf.einsum``: their shape rules are those calls' own
KERAS3_MATMUL_EINSUMS = frozenset(
    {
        "a,b->ab",
        "ab,b->a",
        "ab,bc->ac",
        "ab,cb->ac",
        "abc,cd->abd",
        "abc,dc->abd",
        "abcd,abde->abce",
        "abcd,abed->abce",
        "abcd,acbe->adbe",
        "abcd,adbe->acbe",
        "abcd,aecd->acbe",
        "abcd,aecd->aceb",
        "abc,cde->abde",
        "abc,dce->abde",
        "abc,dec->abde",
        "abcd,cde->abe",
        "abcd,ced->abe",
        "abcd,ecd->abe",
        "abcde,aebf->adbcf",
        "abcde,afce->acdbf",
    }
)


def keras3_einsum(subscripts: str, *operands: Shape) -> Shape:
    """``keras.ops.einsum`` on TensorFlow: the letters are renamed in order of first
    appearance (``a``, ``b``, ... then capitals), which changes the implicit output's
    order, then ``tf.einsum`` runs; a few two-operand forms go through matmul calls
    instead, not modelled here (unknown)."""
    names: dict[str, str] = {}
    renamed = ""
    for c in subscripts:
        if c in string.ascii_letters:
            renamed += names.setdefault(c, string.ascii_letters[len(names)])
        else:
            renamed += c
    if renamed in KERAS3_MATMUL_EINSUMS and len(operands) == 2:
        return UNKNOWN_SHAPE
    return tf_einsum(renamed, *operands)


def _product(dims: Iterable[int]) -> int:
    total = 1
    for d in dims:
        total *= d
    return total


def _tensordot_side(dims: list[int], axes: list[int], flipped: bool) -> tuple[list[int], list[int]]:
    """One operand of ``tf.tensordot`` with known dims: its axes are made non-negative by
    adding the rank once (Python indexing then takes what is left), the free dims and the
    contracted ones are transposed apart when the order differs from the identity
    (compared the NumPy way, so lengths 1 broadcast) and reshaped to a matrix."""
    rank = len(dims)
    axes = [i if i >= 0 else i + rank for i in axes]
    if any(not -rank <= i < rank for i in axes):
        raise ShapeError(f"tensordot axis out of range for rank {rank}: {axes}")
    free = [i for i in range(rank) if i not in axes]
    free_dims = [dims[i] for i in free]
    matrix = [_product(dims[i] for i in free), _product(dims[i] for i in axes)]
    perm = axes + free if flipped else free + axes
    if flipped:
        matrix.reverse()
    if len(perm) == rank:
        moved = perm != list(range(rank))
    elif rank == 1:
        moved = any(p != 0 for p in perm)
    elif len(perm) == 1:
        moved = any(perm[0] != k for k in range(rank))
    else:
        raise ShapeError(f"tensordot order {perm} does not fit rank {rank}")
    if moved:
        if len(perm) != rank or len({p % rank for p in perm}) != rank:
            raise ShapeError(f"tensordot transposes by {perm}, no permutation of rank {rank}")
        dims = [dims[p] for p in perm]
    if dims != matrix and _product(dims) != _product(matrix):
        raise ShapeError(f"tensordot cannot reshape {dims} to {matrix}")
    return matrix, free_dims


def _tensordot_concrete(
    a: list[int], b: list[int], axes: int | tuple[Sequence[int] | int, Sequence[int] | int]
) -> Shape:
    """``tf.tensordot`` on fully known shapes, step by step as TensorFlow takes them."""
    if isinstance(axes, int):
        if axes < 0 or axes > len(a):
            raise ShapeError(f"tensordot axes={axes} for a tensor of rank {len(a)}")
        left, right = list(range(len(a) - axes, len(a))), list(range(axes))
    else:
        first, second = axes
        left = [first] if isinstance(first, int) else list(first)
        right = [second] if isinstance(second, int) else list(second)
        if len(left) != len(right):
            raise ShapeError(f"tensordot needs as many axes on both sides: {left}, {right}")
    (rows, inner), free_a = _tensordot_side(a, left, False)
    (inner_b, cols), free_b = _tensordot_side(b, right, True)
    if inner != inner_b:
        raise ShapeError(f"tensordot contracts {inner} elements of {a} against {inner_b} of {b}")
    return Shape.of(*free_a, *free_b)


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


def transposing_moveaxis(
    a: Shape,
    source: int | Sequence[int],
    destination: int | Sequence[int],
    *,
    unchanged_when_same: bool = False,
) -> Shape:
    """``moveaxis`` in JAX and Keras 3: the axes not moved keep their order, each moved
    one is inserted at its destination, and the order is handed to ``transpose``. So a
    repeated axis is no error of its own: only an order that is not a permutation fails.
    Keras 3 returns its input when the normalised axes are equal."""
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    if a.variadic:
        return nf.moveaxis(a, source, destination) if len(set(src)) == len(src) else UNKNOWN_SHAPE
    rank = len(a.dims)
    src_n = [algebra.normalise_axis(k, rank) for k in src]
    dst_n = [algebra.normalise_axis(k, rank) for k in dst]
    if len(src_n) != len(dst_n):
        raise ShapeError(f"moveaxis needs as many destinations as sources, got {src} and {dst}")
    if unchanged_when_same and src_n == dst_n:
        return a
    order = [k for k in range(rank) if k not in src_n]
    for d, k in sorted(zip(dst_n, src_n, strict=True)):
        order.insert(d, k)
    if sorted(order) != list(range(rank)):
        raise ShapeError(f"moveaxis {src} -> {dst} of {a} gives the order {order}, no permutation")
    return Shape(tuple(a.dims[k] for k in order))


def jax_squeeze(a: Shape, axis: Axes = None) -> Shape:
    """``jnp.squeeze``: NumPy's rule (an empty axis list squeezes nothing, a repeated axis
    fails), but no axis on a 0-d array."""
    _no_scalar_axis(a, axis)
    return algebra.squeeze(a, axis, strict=True)


def keras3_max(a: Shape, axis: Axes, keepdims: bool) -> Shape:
    """``keras.ops.max`` on TensorFlow: any empty input fails (it asserts a non-zero size
    before reducing), whatever the axis."""
    result = reduce(a, axis, keepdims)
    if a.numel().value == 0:
        raise ShapeError(f"max of the empty tensor {a}")
    return result


def jax_einsum(subscripts: str, *operands: Shape) -> Shape:
    """``jnp.einsum``: ellipsis dims left out of the output are summed (as torch does), and
    a size-1 dim may stand in for a label's size where NumPy rejects it; so a failure is
    proved only when it holds with every size-1 dim unknown. Any character is a label
    (``opt_einsum`` parses them; ``'kh1d'`` names a dim ``1``), so others are renamed to
    unused letters first."""
    renamed = _letters_only(subscripts)
    if renamed is None:
        return UNKNOWN_SHAPE
    try:
        return framework_ops.torch_einsum(renamed, *operands)
    except ShapeError:
        loose = [
            Shape(tuple(Dim.unknown() if d.value == 1 else d for d in s.dims), s.variadic)
            for s in operands
        ]
        try:
            framework_ops.torch_einsum(renamed, *loose)
        except ShapeError as error:
            if renamed == subscripts:
                raise
            raise ShapeError(f"{error.reason} (in {subscripts!r} read as {renamed!r})") from None
        return UNKNOWN_SHAPE


def _letters_only(subscripts: str) -> str | None:
    """``subscripts`` with every label that is not an ASCII letter renamed to a letter it does
    not use, or None when too few letters are free."""
    syntax = set(",->. ")
    others = sorted({c for c in subscripts if c not in syntax and c not in string.ascii_letters})
    free = [c for c in string.ascii_letters if c not in subscripts]
    if len(others) > len(free):
        return None
    return subscripts.translate(str.maketrans("".join(others), "".join(free[: len(others)])))


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
