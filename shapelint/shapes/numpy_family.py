"""NumPy's stacking, splitting, tiling and padding functions over abstract shapes.

These are the NumPy functions built on ``atleast_Nd`` and ``concatenate`` (``hstack``,
``vstack``, ``dstack``, ``column_stack``), the ones that cut or repeat an array (``split``,
``array_split``, ``tile``, ``repeat``, ``pad``), and the small ones whose rule is a
broadcast or an element count (``where``, ``outer``, ``vdot``, ``broadcast_to``,
``moveaxis``, ``ravel``). As in ``algebra.py``, a rule raises ``ShapeError`` only when the
call provably fails, and NumPy judges every rule here: ``tests/shapes/test_numpy_family.py``
compares each with real NumPy on generated shapes, for the result and for whether it raises.

A Python number in a sequence (``np.hstack((x, 2))``) is a 0-d array: pass ``Shape(())``.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.shapes.algebra import broadcast, concatenate, normalise_axis, reshape
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

# -- atleast_Nd ----------------------------------------------------------------------------


def atleast_1d(a: Shape) -> Shape:
    """``numpy.atleast_1d``: a 0-d array becomes (1,)."""
    if a.rank == 0:
        return Shape.of(1)
    return a if a.dims else UNKNOWN_SHAPE


def atleast_2d(a: Shape) -> Shape:
    """``numpy.atleast_2d``: () -> (1, 1), (n,) -> (1, n)."""
    if a.rank == 0:
        return Shape.of(1, 1)
    if a.rank == 1:
        return Shape((Dim.of(1), a.dims[0]))
    return a if a.dims else UNKNOWN_SHAPE


def atleast_3d(a: Shape) -> Shape:
    """``numpy.atleast_3d``: () -> (1, 1, 1), (n,) -> (1, n, 1), (m, n) -> (m, n, 1)."""
    if a.rank == 0:
        return Shape.of(1, 1, 1)
    if a.rank == 1:
        return Shape((Dim.of(1), a.dims[0], Dim.of(1)))
    if a.rank == 2:
        return Shape(a.dims + (Dim.of(1),))
    return a if len(a.dims) >= 3 else UNKNOWN_SHAPE


def _column(a: Shape) -> Shape:
    """A ``column_stack`` operand: 0-d and 1-D arrays become columns (n, 1)."""
    if a.rank == 0:
        return Shape.of(1, 1)
    if a.rank == 1:
        return Shape((a.dims[0], Dim.of(1)))
    return a if len(a.dims) >= 2 else UNKNOWN_SHAPE


# -- stacking ------------------------------------------------------------------------------


def _joined(shapes: Sequence[Shape], axis: int, what: str) -> Shape:
    if not shapes:
        raise ShapeError(f"need at least one array to {what}")
    return concatenate(shapes, axis)


def hstack(shapes: Sequence[Shape]) -> Shape:
    """``numpy.hstack``: ``atleast_1d`` each, then join along axis 0 if the first is 1-D,
    else along axis 1."""
    arrays = [atleast_1d(s) for s in shapes]
    if not arrays:
        raise ShapeError("need at least one array to hstack")
    first = arrays[0]
    if first.rank == 1:
        return _joined(arrays, 0, "hstack")
    if len(first.dims) >= 2:
        return _joined(arrays, 1, "hstack")
    return UNKNOWN_SHAPE  # the first operand's rank picks the axis, and it is unknown


def vstack(shapes: Sequence[Shape]) -> Shape:
    """``numpy.vstack`` / ``row_stack``: ``atleast_2d`` each, joined along axis 0."""
    return _joined([atleast_2d(s) for s in shapes], 0, "vstack")


def dstack(shapes: Sequence[Shape]) -> Shape:
    """``numpy.dstack``: ``atleast_3d`` each, joined along axis 2."""
    return _joined([atleast_3d(s) for s in shapes], 2, "dstack")


def column_stack(shapes: Sequence[Shape]) -> Shape:
    """``numpy.column_stack``: 0-d and 1-D operands become columns, joined along axis 1."""
    return _joined([_column(s) for s in shapes], 1, "column_stack")


def ravel(a: Shape) -> Shape:
    """``numpy.ravel`` / ``ndarray.flatten``: one dim holding every element."""
    return Shape((a.numel(),))


# -- splitting -----------------------------------------------------------------------------


def split_axis_size(a: Shape, axis: int) -> Dim:
    """The dim ``split`` cuts, or unknown when it cannot be placed."""
    if a.variadic:
        if axis < 0 and -axis <= len(a.dims):
            return a.dims[axis]
        return UNKNOWN_DIM
    if a.rank == 0:
        raise ShapeError("cannot split a 0-d array")
    return a.dims[normalise_axis(axis, len(a.dims))]


def _with_dim(a: Shape, axis: int, d: Dim) -> Shape:
    if a.variadic:
        if axis < 0 and -axis <= len(a.dims):
            dims = list(a.dims)
            dims[axis] = d
            return Shape(tuple(dims), True)
        if axis < 0:
            return Shape(a.dims, True)
        return UNKNOWN_SHAPE
    dims = list(a.dims)
    dims[normalise_axis(axis, len(dims))] = d
    return Shape(tuple(dims))


def split(
    a: Shape, sections: int | Sequence[int], axis: int = 0, *, exact: bool = True
) -> list[Shape] | None:
    """``numpy.split`` (``exact``: the sections must divide the axis) or ``array_split``.
    An int cuts into that many parts, a sequence of indices cuts at those positions (as
    slices do). The pieces' shapes, or None when their number is known but not their
    shapes... never: None means the number of pieces is unknown."""
    size = split_axis_size(a, axis)
    if isinstance(sections, int):
        if sections <= 0:
            raise ShapeError(f"the number of sections must be larger than 0, got {sections}")
        n = size.value
        if n is None:
            if exact:
                piece = size // sections
                if (piece * sections).equals(size) is not True:
                    piece = UNKNOWN_DIM
                return [_with_dim(a, axis, piece)] * sections
            return [_with_dim(a, axis, UNKNOWN_DIM)] * sections
        if exact and n % sections:
            raise ShapeError(
                f"array split does not result in an equal division: {n} into {sections}"
            )
        low, extra = divmod(n, sections)
        return [_with_dim(a, axis, Dim.of(low + (k < extra))) for k in range(sections)]
    bounds = list(sections)
    n = size.value
    if n is None:
        return [_with_dim(a, axis, UNKNOWN_DIM)] * (len(bounds) + 1)
    edges = [0, *bounds, n]
    return [
        _with_dim(a, axis, Dim.of(len(range(n)[start:stop])))
        for start, stop in zip(edges, edges[1:], strict=False)
    ]


# -- repeating and padding -----------------------------------------------------------------


def tile(a: Shape, reps: int | Sequence[int]) -> Shape:
    """``numpy.tile``: the shape and ``reps`` are aligned at the right (the shorter padded
    with 1s) and multiplied."""
    counts = (reps,) if isinstance(reps, int) else tuple(reps)
    if any(r < 0 for r in counts):
        return _tile_negative(a, counts)
    if a.variadic:
        if len(counts) <= len(a.dims):
            head = a.dims[: len(a.dims) - len(counts)]
            tail = a.dims[len(a.dims) - len(counts) :]
            return Shape(head + tuple(d * r for d, r in zip(tail, counts, strict=True)), True)
        return Shape((UNKNOWN_DIM,) * len(counts), True) if counts else a
    rank = max(len(a.dims), len(counts))
    dims = (Dim.of(1),) * (rank - len(a.dims)) + a.dims
    factors = (1,) * (rank - len(counts)) + counts
    return Shape(tuple(d * r for d, r in zip(dims, factors, strict=True)))


def _tile_negative(a: Shape, counts: tuple[int, ...]) -> Shape:
    """NumPy repeats nothing for an empty array and reshapes it to the product shape (where
    a single -1 is inferred); for any other array a negative count fails."""
    size = a.numel().value
    if size is None or a.variadic:
        return UNKNOWN_SHAPE
    if size > 0:
        raise ShapeError(f"negative repetitions in tile: {counts}")
    rank = max(len(a.dims), len(counts))
    dims = (Dim.of(1),) * (rank - len(a.dims)) + a.dims
    factors = (1,) * (rank - len(counts)) + counts
    target = [d * r for d, r in zip(dims, factors, strict=True)]
    return reshape(Shape(dims), target)


def repeat(a: Shape, repeats: int, axis: int | None = None) -> Shape:
    """``numpy.repeat`` with one repeat count: every element (``axis=None``, flattened) or
    every slice along ``axis`` repeated ``repeats`` times."""
    if axis is None:
        return Shape((_repeated(a.numel(), repeats),))
    if a.rank == 0:
        normalise_axis(axis, 1)
        return Shape((_repeated(Dim.of(1), repeats),))
    size = split_axis_size(a, axis)
    return _with_dim(a, axis, _repeated(size, repeats))


def _repeated(size: Dim, repeats: int) -> Dim:
    """``size`` items each repeated; a negative count is accepted only for no items."""
    if repeats >= 0:
        return size * repeats
    if size.value is None:
        return UNKNOWN_DIM
    if size.value:
        raise ShapeError(f"negative repeat count {repeats}")
    return Dim.of(0)


PadWidth = int | Sequence[int] | Sequence[Sequence[int]]


def _pad_pairs(pad_width: PadWidth, rank: int) -> list[tuple[int, int]]:
    """``pad_width`` broadcast to one (before, after) pair per axis, as NumPy does."""
    if isinstance(pad_width, int):
        rows: list[list[int]] = [[pad_width]]
    elif all(isinstance(p, int) for p in pad_width):
        rows = [[int(p) for p in pad_width]]  # type: ignore[arg-type]
    else:
        rows = [[p] if isinstance(p, int) else list(p) for p in pad_width]  # type: ignore[arg-type]
    widths = {len(r) for r in rows}
    if len(widths) != 1 or widths.pop() not in (1, 2) or len(rows) not in (1, rank):
        raise ShapeError(f"pad_width {pad_width!r} cannot be broadcast to ({rank}, 2)")
    if any(v < 0 for r in rows for v in r):
        raise ShapeError(f"pad_width {pad_width!r} has negative values")
    return [(r[0], r[-1]) for r in rows] * (rank if len(rows) == 1 else 1)


def pad(a: Shape, pad_width: PadWidth) -> Shape:
    """``numpy.pad`` in its default ``constant`` mode: each axis grows by its pair."""
    if a.variadic:
        if isinstance(pad_width, int) or all(isinstance(p, int) for p in pad_width):
            pairs = _pad_pairs(pad_width, max(len(a.dims), 1))
            before, after = pairs[0]
            return Shape(tuple(d + before + after for d in a.dims), True)
        return UNKNOWN_SHAPE
    pairs = _pad_pairs(pad_width, len(a.dims))
    return Shape(tuple(d + b + e for d, (b, e) in zip(a.dims, pairs, strict=False)))


# -- broadcasting and counting -------------------------------------------------------------


def where(condition: Shape, x: Shape, y: Shape) -> Shape:
    """``numpy.where(condition, x, y)``: the three broadcast together."""
    return broadcast(condition, x, y)


def outer(a: Shape, b: Shape) -> Shape:
    """``numpy.outer``: both operands are flattened."""
    return Shape((a.numel(), b.numel()))


def vdot(a: Shape, b: Shape) -> Shape:
    """``numpy.vdot``: flattened operands with equal element counts give a scalar."""
    if a.numel().equals(b.numel()) is False:
        raise ShapeError(f"vdot needs equal element counts: {a} and {b}")
    return Shape(())


def broadcast_to(a: Shape, target: Shape) -> Shape:
    """``numpy.broadcast_to``: ``a`` must broadcast to exactly ``target``."""
    if any(d.value is not None and d.value < 0 for d in target.dims):
        raise ShapeError(f"all elements of the broadcast shape must be non-negative: {target}")
    if not target.variadic and not a.variadic and len(a.dims) > len(target.dims):
        raise ShapeError(f"cannot broadcast {a} to the lower-rank {target}")
    for k in range(1, min(len(a.dims), len(target.dims)) + 1):
        have, want = a.dims[-k], target.dims[-k]
        if have.is_one() is False and have.equals(want) is False:
            raise ShapeError(f"cannot broadcast {a} to {target}")
    return target


def moveaxis(a: Shape, source: int | Sequence[int], destination: int | Sequence[int]) -> Shape:
    """``numpy.moveaxis``: the ``source`` axes go to ``destination``, the others keep their
    order."""
    src = (source,) if isinstance(source, int) else tuple(source)
    dst = (destination,) if isinstance(destination, int) else tuple(destination)
    if len(src) != len(dst):
        raise ShapeError(
            "`source` and `destination` arguments must have the same number of elements"
        )
    if a.variadic:
        return Shape((UNKNOWN_DIM,) * len(a.dims), True) if a.dims else UNKNOWN_SHAPE
    rank = len(a.dims)
    src_n = [normalise_axis(s, rank) for s in src]
    dst_n = [normalise_axis(d, rank) for d in dst]
    if len(set(src_n)) != len(src_n) or len(set(dst_n)) != len(dst_n):
        raise ShapeError(f"repeated axis in moveaxis of {a}")
    order = [k for k in range(rank) if k not in src_n]
    for d, s in sorted(zip(dst_n, src_n, strict=True)):
        order.insert(d, s)
    return Shape(tuple(a.dims[k] for k in order))
