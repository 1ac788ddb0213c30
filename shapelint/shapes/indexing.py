"""Indexing: the shape of ``a[key]`` under NumPy's basic and advanced indexing rules.

Kept apart from ``algebra`` because an index key is its own small language (slices, integer
and boolean arrays, ``None``, ``...``) with its own item types; the rules here use
``algebra``'s broadcasting for advanced indices and raise ``ShapeError`` only when a failure
is provable, as every rule in ``shapes`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapelint.shapes.algebra import broadcast
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


@dataclass(frozen=True, slots=True)
class Slice:
    """A slice in an index; ``known=False`` when its bounds cannot be read."""

    start: int | None = None
    stop: int | None = None
    step: int | None = None
    known: bool = True

    @staticmethod
    def unknown() -> Slice:
        return Slice(known=False)

    def length(self, size: Dim) -> Dim:
        """How many items this slice takes from an axis of ``size``."""
        if self.step == 0:
            raise ShapeError("slice step cannot be zero")
        if not self.known:
            return UNKNOWN_DIM
        if size.value is not None:
            return Dim.of(len(range(*slice(self.start, self.stop, self.step).indices(size.value))))
        if self.start is None and self.stop is None and self.step in (None, 1, -1):
            return size
        return UNKNOWN_DIM


@dataclass(frozen=True, slots=True)
class ArrayIndex:
    """An integer array used as an index (advanced indexing); its values are unknown."""

    shape: Shape


@dataclass(frozen=True, slots=True)
class BoolIndex:
    """A boolean mask used as an index: it selects an unknown number of items."""

    shape: Shape


def _consumes(item: object) -> int | None:
    if isinstance(item, bool):
        return None  # a Python bool indexes like a 0-d mask: not modelled
    if item is None or item is Ellipsis:
        return 0
    if isinstance(item, BoolIndex):
        return item.shape.rank
    if isinstance(item, (int, Dim, Slice, ArrayIndex)):
        return 1
    return None


def _advanced_shape(item: object) -> Shape | None:
    if isinstance(item, ArrayIndex):
        return item.shape
    if isinstance(item, BoolIndex):
        return Shape((UNKNOWN_DIM,))
    return None


def index(a: Shape, key: Sequence[object], *, clamped: bool = False) -> Shape:
    """NumPy indexing ``a[key]``: ints, ``Slice``, ``None``, ``Ellipsis``, ``ArrayIndex``
    and ``BoolIndex`` items, with NumPy's placement of advanced-index dims. ``clamped``:
    an index out of bounds is clamped to the axis instead of raising (JAX's arrays)."""
    items = list(key)
    if sum(1 for item in items if item is Ellipsis) > 1:
        raise ShapeError("an index can only have a single ellipsis ('...')")
    counts = [_consumes(item) for item in items]
    if any(c is None for c in counts):
        return UNKNOWN_SHAPE
    consumed = sum(c for c in counts if c is not None)
    has_array = any(isinstance(item, (ArrayIndex, BoolIndex)) for item in items)
    nothing_indexed = False
    if has_array:
        arrays = [_advanced_shape(item) or Shape(()) for item in items if _is_advanced(item)]
        try:
            # arrays that broadcast to no element index nothing, so no bound can fail
            nothing_indexed = broadcast(*arrays).numel().value == 0
        except ShapeError:
            shown = " ".join(str(s) for s in arrays)
            raise ShapeError(f"indexing arrays could not be broadcast together: {shown}") from None
    if not a.variadic and consumed > len(a.dims):
        raise ShapeError(f"too many indices for {a}: {consumed} were indexed")
    if Ellipsis not in items:
        items.append(Ellipsis)
    if a.variadic:
        return _index_variadic(a, items, consumed, has_array, clamped)
    return _index_known(a, items, len(a.dims) - consumed, has_array, nothing_indexed, clamped)


def _is_advanced(item: object) -> bool:
    return isinstance(item, (ArrayIndex, BoolIndex, int, Dim))


def _check_int(item: int | Dim, d: Dim, axis: int, clamped: bool = False) -> None:
    if (
        not clamped
        and isinstance(item, int)
        and d.value is not None
        and not -d.value <= item < d.value
    ):
        raise ShapeError(f"index {item} is out of bounds for axis {axis} with size {d}")


def _check_array(item: ArrayIndex | BoolIndex, dims: tuple[Dim, ...], axis: int) -> None:
    if isinstance(item, BoolIndex):
        for k, (m, d) in enumerate(zip(item.shape.dims, dims, strict=False)):
            if m.equals(d) is False:
                raise ShapeError(
                    f"boolean index {item.shape} does not match axis {axis + k} of size {d}"
                )
    else:
        count = item.shape.numel().value
        if dims[0].value == 0 and count is not None and count > 0:
            raise ShapeError(f"index array {item.shape} indexes axis {axis} of size 0")


def _index_known(
    a: Shape,
    items: list[object],
    ellipsis_width: int,
    has_array: bool,
    nothing_indexed: bool = False,
    clamped: bool = False,
) -> Shape:
    before: list[Dim] = []  # basic dims before the first advanced index
    after: list[Dim] = []
    adv: list[Shape] = []
    groups = 0  # runs of consecutive advanced items
    previous_advanced = False
    cursor = 0
    for item in items:
        advanced = has_array and _is_advanced(item)
        if advanced and not previous_advanced:
            groups += 1
        previous_advanced = advanced
        target = after if adv or groups else before
        if item is None:
            target.append(Dim.of(1))
        elif item is Ellipsis:
            target.extend(a.dims[cursor : cursor + ellipsis_width])
            cursor += ellipsis_width
        elif isinstance(item, Slice):
            target.append(item.length(a.dims[cursor]))
            cursor += 1
        elif isinstance(item, (int, Dim)):
            _check_int(item, a.dims[cursor], cursor, clamped)
            if advanced:
                adv.append(Shape(()))
            cursor += 1
        elif isinstance(item, (ArrayIndex, BoolIndex)):
            width = item.shape.rank or 0 if isinstance(item, BoolIndex) else 1
            if not (nothing_indexed or clamped) or item.shape.rank == 0:  # 0-d: an int
                _check_array(item, a.dims[cursor : cursor + max(width, 1)], cursor)
            adv.append(_advanced_shape(item) or Shape(()))
            cursor += width
    if not has_array:
        return Shape(tuple(before + after))
    middle = broadcast(*adv)
    if groups == 1:
        return Shape(tuple(before) + middle.dims + tuple(after))
    return Shape(middle.dims + tuple(before + after))


def _index_variadic(
    a: Shape, items: list[object], consumed: int, has_array: bool, clamped: bool
) -> Shape:
    if has_array:
        return UNKNOWN_SHAPE
    split = items.index(Ellipsis)
    pre_count = sum(_consumes(item) or 0 for item in items[:split])
    post = items[split + 1 :]
    post_count = consumed - pre_count
    n = len(a.dims)
    out: list[Dim] = []
    offset = post_count  # how far from the end the next post item's axis is
    for item in post:
        if item is None:
            out.append(Dim.of(1))
            continue
        d = a.dims[n - offset] if offset <= n else UNKNOWN_DIM
        if isinstance(item, Slice):
            out.append(item.length(d))
        elif isinstance(item, (int, Dim)):
            _check_int(item, d, -offset, clamped)
        offset -= 1
    for item in items[:split]:
        if isinstance(item, Slice):
            item.length(UNKNOWN_DIM)  # still rejects a zero step
    least_rank = max(n, consumed)
    start = max(0, pre_count + n - least_rank)
    end = max(n - post_count, 0)  # the post items may reach into the unknown prefix
    return Shape(a.dims[start:end] + tuple(out), True)
