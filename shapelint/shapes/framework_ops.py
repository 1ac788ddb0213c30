"""Framework rules for NumPy-named ops whose framework differs from NumPy.

Each was found by replaying a grid recorded from the real framework
(``tests/data/grids/``, ``tests/shapes/test_framework_grids.py``): torch keeps its legacy
rule of skipping empty 1-D tensors in ``cat``, sums ellipsis dims an einsum output leaves
out, broadcasts size-1 contracted dims in ``tensordot`` and reverses every dim in ``.T``;
TensorFlow returns a single ``concat`` input unchecked, squeezes every size-1 dim for an
empty ``axis`` list and infers a ``-1`` next to a 0 in ``reshape``. Pure functions over
``Shape``, raising ``ShapeError`` only on provable failure, like the rest of the core.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.shapes import algebra
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

# -- torch -----------------------------------------------------------------------------------


def _legacy_empty(s: Shape) -> bool | None:
    """Whether ``s`` is torch's legacy empty tensor (shape (0,)), which ``cat`` skips."""
    if s.rank == 1:
        return s.dims[0].value == 0 if s.dims[0].value is not None else None
    if s.rank is not None:
        return False
    return None if len(s.dims) <= 1 and (not s.dims or s.dims[0].value in (0, None)) else False


def torch_cat(shapes: Sequence[Shape], axis: int = 0) -> Shape:
    """``torch.cat``: as ``numpy.concatenate``, but 1-D tensors of size 0 are skipped (all
    of them skipped give (0,)), and a 0-d tensor is an error."""
    if not shapes:
        raise ShapeError("torch.cat needs a non-empty sequence of tensors")
    for k, s in enumerate(shapes):
        if s.rank == 0:
            raise ShapeError(f"zero-dimensional tensor (at position {k}) cannot be concatenated")
    verdicts = [_legacy_empty(s) for s in shapes]
    if any(v is None for v in verdicts):
        kept = [s for s, v in zip(shapes, verdicts, strict=True) if v is not True]
        if all(v is not False for v in verdicts):
            return UNKNOWN_SHAPE
        result = _cat_or_unknown(kept, axis)
        return result if result is not None else UNKNOWN_SHAPE
    kept = [s for s, v in zip(shapes, verdicts, strict=True) if not v]
    if not kept:
        return Shape.of(0)
    return algebra.concatenate(kept, axis)


def _cat_or_unknown(shapes: Sequence[Shape], axis: int) -> Shape | None:
    """The join of the tensors known to be kept, when some others may be skipped: any
    provable error stands only if it holds with or without the maybe-skipped ones, so
    here errors give an unknown result instead."""
    try:
        joined = algebra.concatenate(shapes, axis)
    except ShapeError:
        return None
    return (
        algebra.concatenate([joined, Shape.unknown_rank(joined.rank)], axis)
        if (joined.rank is not None)
        else UNKNOWN_SHAPE
    )


def torch_einsum(subscripts: str, *operands: Shape) -> Shape:
    """``torch.einsum``: NumPy's rule, but dims under an ellipsis the output leaves out are
    summed instead of being an error, and a diagonal's sizes must all be equal."""
    algebra.check_arrow(subscripts)
    text = subscripts.replace(" ", "")
    if "->" in text and "..." in text.split("->")[0] and "..." not in text.split("->", 1)[1]:
        inputs, output = text.split("->", 1)
        result = algebra.einsum(f"{inputs}->...{output}", *operands, numpy_views=False)
        kept = len(output) - output.count(".")  # letters only
        if result.variadic:
            return (
                Shape(result.dims[len(result.dims) - kept :] if kept else (), False)
                if (len(result.dims) >= kept)
                else UNKNOWN_SHAPE
            )
        return Shape(result.dims[len(result.dims) - kept :] if kept else ())
    return algebra.einsum(subscripts, *operands, numpy_views=False)


def torch_tensordot(
    a: Shape, b: Shape, axes: int | tuple[Sequence[int] | int, Sequence[int] | int] = 2
) -> Shape:
    """``torch.tensordot``: NumPy's rule, except that a contracted pair whose sizes differ
    is accepted when one of them is 1 (it broadcasts). The contracted dims are summed
    away, so a size-1 side is read as its partner's size and NumPy's rule applies."""
    pairs = contracted_pairs(a, b, axes)
    if pairs is None:
        return algebra.tensordot(a, b, axes)
    left, right = list(a.dims), list(b.dims)
    for i, j in pairs:
        if left[i].is_one() is True:
            left[i] = right[j]
        elif right[j].is_one() is True:
            right[j] = left[i]
    return algebra.tensordot(Shape(tuple(left)), Shape(tuple(right)), axes)


def contracted_pairs(
    a: Shape, b: Shape, axes: int | tuple[Sequence[int] | int, Sequence[int] | int]
) -> list[tuple[int, int]] | None:
    """The contracted (a axis, b axis) pairs, when both ranks are known and they are in
    range; None otherwise (NumPy's rule then judges alone)."""
    if a.variadic or b.variadic:
        return None
    if isinstance(axes, int):
        n = max(axes, 0)
        pairs = list(zip(range(len(a.dims) - n, len(a.dims)), range(n), strict=True))
    else:
        first, second = axes
        lefts = [first] if isinstance(first, int) else list(first)
        rights = [second] if isinstance(second, int) else list(second)
        if len(lefts) != len(rights):
            return None
        pairs = list(zip(lefts, rights, strict=True))
    if not all(
        -len(a.dims) <= i < len(a.dims) and -len(b.dims) <= j < len(b.dims) for i, j in pairs
    ):
        return None
    return pairs


def torch_T(a: Shape) -> Shape:
    """``Tensor.T``: every dim reversed (0-d and 1-D come back unchanged)."""
    return algebra.reverse_dims(a)


def torch_mT(a: Shape) -> Shape:
    """``Tensor.mT``: the last two dims swapped; a 0-d tensor comes back unchanged, a 1-D
    one is an error."""
    if a.rank == 0:
        return a
    if a.rank == 1:
        raise ShapeError(f"`.mT` is only supported on matrices or batches of matrices, got {a}")
    if a.variadic and len(a.dims) < 2:
        return UNKNOWN_SHAPE
    return algebra.matrix_transpose(a)


# -- TensorFlow ------------------------------------------------------------------------------


def tf_concat(shapes: Sequence[Shape], axis: int) -> Shape:
    """``tf.concat``: a single input comes back as it is, whatever ``axis`` says."""
    if len(shapes) == 1:
        return shapes[0]
    return algebra.concatenate(shapes, axis)


def tf_squeeze(a: Shape, axis: int | Sequence[int] | None = None) -> Shape:
    """``tf.squeeze``: an empty ``axis`` list means every size-1 dim, as ``None`` does."""
    if axis is not None and not isinstance(axis, int) and not list(axis):
        axis = None
    return algebra.squeeze(a, axis, strict=True)


def tf_reshape(a: Shape, newshape: Sequence[Dim | int]) -> Shape:
    """``tf.reshape``: NumPy's rule, except that a ``-1`` next to a 0 is inferred from the
    input's non-zero dims (``(0, 3)`` reshaped to ``[0, -1]`` is ``(0, 3)``)."""
    target = [Dim.coerce(d) for d in newshape]
    inferred = [k for k, d in enumerate(target) if d.value == -1]
    zeros = [d for d in target if d.value == 0]
    if len(inferred) != 1 or not zeros:
        return algebra.reshape(a, newshape)
    if a.numel().value not in (0, None):
        raise ShapeError(f"cannot reshape {a} ({a.numel()} elements) into {newshape} (0 elements)")
    if a.variadic:
        return Shape(tuple(UNKNOWN_DIM if k in inferred else d for k, d in enumerate(target)))
    nonzero_in = Dim.of(1)
    for d in a.dims:
        if d.value != 0:
            nonzero_in = nonzero_in * d if d.value is not None else UNKNOWN_DIM
    nonzero_out = Dim.of(1)
    for k, d in enumerate(target):
        if k not in inferred and d.value != 0:
            nonzero_out = nonzero_out * d
    if a.numel().value is None:
        return Shape(tuple(UNKNOWN_DIM if k in inferred else d for k, d in enumerate(target)))
    size = nonzero_in // nonzero_out if nonzero_out.value != 0 else UNKNOWN_DIM
    return Shape(tuple(size if k in inferred else d for k, d in enumerate(target)))


# -- torch ops with their own argument rules ------------------------------------------------


def torch_squeeze(a: Shape, axis: int | Sequence[int] | None = None) -> Shape:
    """``torch.squeeze``: a dim that is not 1 stays; a 0-d tensor takes dim 0 or -1."""
    if a.rank == 0 and axis is not None:
        axes = (axis,) if isinstance(axis, int) else tuple(axis)
        if len({algebra.normalise_axis(k, 1) for k in axes}) != len(axes):
            raise ShapeError(f"dim {axes} appears multiple times in the list of dims")
        return a
    return algebra.squeeze(a, axis, strict=False)


def torch_dot(a: Shape, b: Shape) -> Shape:
    """``torch.dot``: two 1-D tensors of the same size give a scalar."""
    for s in (a, b):
        if s.rank is not None and s.rank != 1:
            raise ShapeError(f"1D tensors expected, but got {a} and {b}")
    if a.dims and b.dims and a.dims[-1].equals(b.dims[-1]) is False:
        raise ShapeError(f"inconsistent tensor size: {a} and {b}")
    return Shape(())


def torch_outer(a: Shape, b: Shape) -> Shape:
    """``torch.outer``: two 1-D tensors (n,) and (m,) give (n, m)."""
    for s in (a, b):
        if s.rank is not None and s.rank != 1:
            raise ShapeError(f"outer needs 1-D tensors, got {a} and {b}")
    return Shape((a.dims[-1] if a.dims else UNKNOWN_DIM, b.dims[-1] if b.dims else UNKNOWN_DIM))


def torch_unsqueeze(a: Shape, axis: int) -> Shape:
    """``torch.unsqueeze``: one new dim of size 1 at ``axis`` (counted in the result)."""
    return algebra.expand_dims(a, axis)


def torch_hstack(shapes: Sequence[Shape]) -> Shape:
    """``torch.hstack``: ``atleast_1d`` each, then ``torch.cat`` along dim 0 when the first
    is 1-D, else along dim 1."""
    from shapelint.shapes import numpy_family as nf

    arrays = [nf.atleast_1d(s) for s in shapes]
    if not arrays:
        raise ShapeError("hstack needs a non-empty sequence of tensors")
    if arrays[0].rank == 1:
        return torch_cat(arrays, 0)
    if len(arrays[0].dims) >= 2:
        return torch_cat(arrays, 1)
    return UNKNOWN_SHAPE


def torch_vstack(shapes: Sequence[Shape]) -> Shape:
    """``torch.vstack``: ``atleast_2d`` each, then ``torch.cat`` along dim 0."""
    from shapelint.shapes import numpy_family as nf

    if not shapes:
        raise ShapeError("vstack needs a non-empty sequence of tensors")
    return torch_cat([nf.atleast_2d(s) for s in shapes], 0)


def torch_repeat(a: Shape, sizes: Sequence[int]) -> Shape:
    """``Tensor.repeat(*sizes)``: at least as many sizes as dims; the shape, padded with
    leading 1s, is multiplied by them."""
    from shapelint.shapes import numpy_family as nf

    if not sizes or (not a.variadic and len(sizes) < len(a.dims)):
        raise ShapeError(f"`repeat` needs at least {len(a.dims)} sizes for {a}, got {list(sizes)}")
    if any(s < 0 for s in sizes):
        raise ShapeError(f"`repeat` sizes cannot be negative: {list(sizes)}")
    return nf.tile(a, tuple(sizes))


def torch_expand(a: Shape, sizes: Sequence[int | Dim]) -> Shape:
    """``Tensor.expand`` / ``torch.broadcast_to``: size-1 dims stretch to ``sizes``; -1
    keeps a dim; new leading dims are allowed (not as -1)."""
    target = [Dim.coerce(s) for s in sizes]
    new = len(target) - len(a.dims)
    if new < 0 and not a.variadic:
        raise ShapeError(f"cannot expand {a} to fewer dimensions {list(sizes)}")
    if (
        a.rank == 0
        and any(d.value == 0 for d in target)
        and all(d.value is not None and d.value >= -1 for d in target)
    ):
        # torch lets a 0-d tensor take -1 among new dims when another is 0 (no elements):
        # its result then has a negative size, which is no shape; unknown here
        return Shape(tuple(UNKNOWN_DIM if d.value == -1 else d for d in target))
    out: list[Dim] = []
    for index, want in enumerate(target):
        have = a.dims[index - new] if index >= new else None
        if want.value is not None and want.value < 0:
            if want.value != -1 or (have is None and not a.variadic):
                raise ShapeError(f"cannot expand {a} to {list(sizes)}: bad size {want}")
            out.append(have if have is not None else UNKNOWN_DIM)
            continue
        if have is not None and have.equals(want) is False and have.is_one() is False:
            raise ShapeError(f"expanded size {want} must match the existing size {have} of {a}")
        out.append(want)
    return Shape(tuple(out))


def torch_argmax(a: Shape, axis: int | None, keepdims: bool) -> Shape:
    """``torch.argmax``: NumPy's reduction shape; an empty tensor (or an empty reduced dim)
    is an error."""
    if axis is None:
        if a.numel().value == 0:
            raise ShapeError(f"argmax of the empty tensor {a}")
        return Shape((Dim.of(1),) * len(a.dims), a.variadic) if keepdims else Shape(())
    if a.rank == 0:
        algebra.normalise_axis(axis, 1)
        return a
    result = algebra.reduce(a, axis, keepdims)
    if not a.variadic and a.dims[algebra.normalise_axis(axis, len(a.dims))].value == 0:
        raise ShapeError(f"argmax over an empty dim of {a}")
    return result


def torch_reduce(
    a: Shape, axis: int | Sequence[int] | None, keepdims: bool, *, identity: bool = True
) -> Shape:
    """A torch reduction: a 0-d tensor takes dims 0 and -1 (as rank 1), ``dim=()`` means
    every dim. Without an ``identity`` (``amax``, ``argmax``) an empty reduced dim, or an
    empty tensor reduced whole, is an error."""
    if axis is not None and not isinstance(axis, int) and not list(axis):
        axis = None
    if a.rank == 0:
        if axis is not None:
            axes = [axis] if isinstance(axis, int) else list(axis)
            positions = [algebra.normalise_axis(k, 1) for k in axes]
            if len(set(positions)) != len(positions):
                raise ShapeError(f"dim {axes} appears multiple times in the list of dims")
        return a
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


def torch_linear(x: Shape, weight: Shape, bias: Shape | None = None) -> Shape:
    """``F.linear(x, weight, bias)`` as torch runs it. Without a bias it is
    ``x @ weight.T``. With one, a 2-D input, or a bias that squeezes to one dim, goes
    through ``addmm``: the weight must be 2-D and the bias expands to (rows of the
    flattened input, out). Any other bias is added in place to the product, so it must
    broadcast to the product's own shape."""
    from shapelint.shapes import frameworks as fw

    product = fw.f_linear(x, weight)
    if bias is None:
        return product
    if bias.variadic or x.variadic or any(d.is_one() is None for d in bias.dims):
        return UNKNOWN_SHAPE if x.rank != 2 or weight.rank != 2 else product
    fused = x.rank == 2 or len([d for d in bias.dims if d.is_one() is False]) == 1
    if fused or bias.rank == 1:
        if weight.rank != 2:
            raise ShapeError(f"`F.linear` with a bias needs a 2-D weight here, got {weight}")
        rows = Shape(x.dims[:-1]).numel()
        torch_expand(bias, [rows, weight.dims[0]])
        return product
    if product.variadic:
        return UNKNOWN_SHAPE
    joined = algebra.broadcast(product, bias)
    if joined.rank != product.rank or any(
        j.equals(d) is False for j, d in zip(joined.dims, product.dims, strict=True)
    ):
        raise ShapeError(f"`F.linear` bias {bias} does not fit the output {product}")
    return product
