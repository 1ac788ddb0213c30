"""Pure shape rules: NumPy's shape semantics over abstract shapes.

Every function takes ``Shape`` values (plus plain op arguments) and returns the result
``Shape`` or raises ``ShapeError`` with a sentence naming the shapes. A rule raises only
when the failure is *provable*: it must hold for every value of the symbolic and unknown
dims and for every length of a variadic (unknown-length) prefix. Otherwise the rule returns
the most precise shape it can prove for the cases that succeed, using unknown dims and
variadic shapes for what it cannot know. NumPy is the reference: the property tests compare
every rule here with NumPy on concrete shapes.

Positions in a variadic shape are counted in its known suffix (``shape.dims``). An axis
given from the end lands on one known dim; an axis given from the start may land on any
suffix dim up to its value (or in the unknown prefix), so it only "maybe" touches those.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

DimLike = Dim | int

# -- small helpers ---------------------------------------------------------------------


def normalise_axis(axis: int, rank: int) -> int:
    """The non-negative position of ``axis`` in a shape of known ``rank``."""
    if -rank <= axis < rank:
        return axis % rank
    raise ShapeError(f"axis {axis} is out of bounds for rank {rank}")


def numel(a: Shape) -> Dim:
    """Number of elements: a product of the dims, unknown for an unknown rank."""
    return a.numel()


def _pick(dims: Iterable[Dim]) -> Dim:
    """Of dims provably equal on success, the most informative one."""
    items = list(dims)
    for d in items:
        if d.value is not None:
            return d
    for d in items:
        if not d.is_unknown:
            return d
    return UNKNOWN_DIM


def _merge_broadcast(dims: Sequence[Dim], maybe_more: bool) -> Dim | None:
    """The broadcast of dims at one position, or None when they provably conflict.

    ``maybe_more`` says an operand of unknown rank may add an unknown dim here.
    """
    fixed = [d for d in dims if d.is_one() is False]
    for i, first in enumerate(fixed):
        if any(first.equals(other) is False for other in fixed[i + 1 :]):
            return None
    if fixed:
        return _pick(fixed)
    if maybe_more:
        return UNKNOWN_DIM
    candidates = [d for d in dims if d.is_one() is not True]
    if not candidates:
        return Dim.of(1)
    if all(candidates[0].equals(d) is True for d in candidates[1:]):
        return candidates[0]
    return UNKNOWN_DIM


def _join(*parts: Shape) -> Shape:
    """Concatenation of shapes; a variadic part hides everything before it."""
    dims: tuple[Dim, ...] = ()
    variadic = False
    for part in parts:
        if part.variadic:
            dims, variadic = part.dims, True
        else:
            dims = dims + part.dims
    return Shape(dims, variadic)


def _targets(shape: Shape, axis: int) -> tuple[int | None, frozenset[int]]:
    """Where ``axis`` lands in ``shape.dims``: an exact position, or the set of positions
    it may touch (for a variadic shape). Raises when the rank is known and it is out of
    bounds."""
    if not shape.variadic:
        return normalise_axis(axis, len(shape.dims)), frozenset()
    n = len(shape.dims)
    if axis < 0:
        return (n + axis if -axis <= n else None), frozenset()
    return None, frozenset(range(min(axis, n - 1) + 1))


def _remove(shape: Shape, drop: Iterable[int], maybe: Iterable[int]) -> Shape:
    """``shape`` without the dims at ``drop``; dims at ``maybe`` may or may not go."""
    maybe_set = set(maybe)
    cut = max(maybe_set) + 1 if maybe_set else 0
    drop_set = set(drop)
    kept = tuple(d for i, d in enumerate(shape.dims) if i >= cut and i not in drop_set)
    return Shape(kept, shape.variadic or bool(maybe_set))


def _axes_tuple(axis: int | Sequence[int]) -> tuple[int, ...]:
    return (axis,) if isinstance(axis, int) else tuple(axis)


def _locate_all(a: Shape, axes: Sequence[int], what: str) -> tuple[list[int], set[int]]:
    """Exact positions and maybe-touched positions of distinct ``axes`` in ``a``."""
    if len(set(axes)) != len(axes):
        raise ShapeError(f"duplicate value in {what} {tuple(axes)}")
    exact: list[int] = []
    maybe: set[int] = set()
    for axis in axes:
        position, touched = _targets(a, axis)
        if position is not None:
            if position in exact:
                raise ShapeError(f"duplicate value in {what} {tuple(axes)} for {a}")
            exact.append(position)
        maybe |= touched
    return exact, maybe


# -- broadcasting --------------------------------------------------------------------


def _broadcast_error(shapes: Sequence[Shape]) -> ShapeError:
    names = [str(s) for s in shapes]
    if len(names) == 2:
        return ShapeError(f"cannot broadcast {names[0]} with {names[1]}")
    return ShapeError(f"cannot broadcast {', '.join(names[:-1])} and {names[-1]} together")


def broadcast(*shapes: Shape) -> Shape:
    """NumPy broadcasting of any number of shapes."""
    if not shapes:
        return Shape(())
    length = max(len(s.dims) for s in shapes)
    out: list[Dim] = []
    for k in range(1, length + 1):
        present = [s.dims[-k] for s in shapes if len(s.dims) >= k]
        maybe_more = any(s.variadic and len(s.dims) < k for s in shapes)
        merged = _merge_broadcast(present, maybe_more)
        if merged is None:
            raise _broadcast_error(shapes)
        out.append(merged)
    return Shape(tuple(reversed(out)), any(s.variadic for s in shapes))


def _provably_above_one(d: Dim) -> bool:
    return d.is_symbolic or (d.value is not None and d.value > 1)


def broadcast_expansion(a: Shape, b: Shape) -> tuple[bool, bool]:
    """Whether broadcasting ``a`` with ``b`` provably stretches ``a`` (resp. ``b``): some
    result dim is not 1 where that operand has a 1 or no dim at all."""
    if a.variadic or b.variadic:
        return False, False
    try:
        result = broadcast(a, b)
    except ShapeError:
        return False, False

    def expands(s: Shape) -> bool:
        for k in range(1, len(result.dims) + 1):
            if _provably_above_one(result.dims[-k]) and (
                len(s.dims) < k or s.dims[-k].is_one() is True
            ):
                return True
        return False

    return expands(a), expands(b)


# -- products ------------------------------------------------------------------------


def _matmul_kind(s: Shape) -> str | None:
    if s.variadic:
        return "matrix" if len(s.dims) >= 2 else None
    return {0: "scalar", 1: "vector"}.get(len(s.dims), "matrix")


def matmul(a: Shape, b: Shape) -> Shape:
    """``numpy.matmul`` / ``@``: 1-D operands are promoted, batch dims broadcast."""
    ka, kb = _matmul_kind(a), _matmul_kind(b)
    if ka == "scalar" or kb == "scalar":
        raise ShapeError(f"matmul needs operands of rank >= 1: {a} @ {b}")
    inner_a = a.dims[-1] if a.dims else None
    inner_b = b.dims[-2] if kb == "matrix" else b.dims[-1] if kb == "vector" else None
    if inner_a is not None and inner_b is not None and inner_a.equals(inner_b) is False:
        raise ShapeError(f"inner dimensions differ: {a} @ {b}")
    if ka is None or kb is None:
        return Shape((b.dims[-1],), True) if kb == "matrix" else UNKNOWN_SHAPE
    if kb == "vector":
        return Shape(() if ka == "vector" else a.dims[:-1], a.variadic)
    if ka == "vector":
        return Shape(b.dims[:-2] + b.dims[-1:], b.variadic)
    try:
        batch = broadcast(Shape(a.dims[:-2], a.variadic), Shape(b.dims[:-2], b.variadic))
    except ShapeError:
        raise ShapeError(f"batch dimensions cannot broadcast: {a} @ {b}") from None
    return Shape(batch.dims + (a.dims[-2], b.dims[-1]), batch.variadic)


def dot(a: Shape, b: Shape) -> Shape:
    """``numpy.dot``: a 0-d operand multiplies; otherwise the last axis of ``a`` meets the
    second-to-last axis of ``b`` (its only axis when ``b`` is 1-D)."""
    if a.rank == 0:
        return b
    if b.rank == 0:
        return a
    if not a.dims or not b.dims:
        return UNKNOWN_SHAPE  # an operand of unknown rank may be 0-d
    if b.variadic and len(b.dims) == 1:
        return UNKNOWN_SHAPE  # 1-D or N-D: which axis of b is summed is unknown
    b_matrix = len(b.dims) >= 2
    inner_b = b.dims[-2] if b_matrix else b.dims[0]
    if a.dims[-1].equals(inner_b) is False:
        raise ShapeError(
            f"inner dimensions differ: {a.dims[-1]} vs {inner_b} in dot of {a} and {b}"
        )
    front = Shape(a.dims[:-1], a.variadic)
    if not b_matrix:
        return front
    return _join(front, Shape(b.dims[:-2] + b.dims[-1:], b.variadic))


def _free_dims(s: Shape, axes: Sequence[int]) -> Shape:
    exact, maybe = _locate_all(s, axes, "tensordot axes")
    return _remove(s, exact, maybe)


def tensordot(
    a: Shape, b: Shape, axes: int | tuple[Sequence[int] | int, Sequence[int] | int] = 2
) -> Shape:
    """``numpy.tensordot``: sum over pairs of axes, result is a's free dims then b's."""
    if isinstance(axes, int):
        n = max(axes, 0)
        axes_a: list[int] = list(range(-n, 0))
        axes_b: list[int] = list(range(n))
    else:
        first, second = axes
        axes_a = [first] if isinstance(first, int) else list(first)
        axes_b = [second] if isinstance(second, int) else list(second)
    if len(set(axes_a)) != len(axes_a) or len(set(axes_b)) != len(axes_b):
        raise ShapeError(f"duplicate axes in tensordot of {a} and {b}: {axes}")
    if len(axes_a) != len(axes_b):
        raise ShapeError(
            f"tensordot sums {len(axes_a)} axes of {a} against {len(axes_b)} axes of {b}"
        )
    for axis_a, axis_b in zip(axes_a, axes_b, strict=True):
        pa, _ = _targets(a, axis_a)
        pb, _ = _targets(b, axis_b)
        if pa is not None and pb is not None and a.dims[pa].equals(b.dims[pb]) is False:
            raise ShapeError(
                f"tensordot dimensions differ: axis {axis_a} of {a} is {a.dims[pa]}, "
                f"axis {axis_b} of {b} is {b.dims[pb]}"
            )
    free_a = _free_dims(a, axes_a)
    if isinstance(axes, int) and b.variadic:
        free_b = Shape(b.dims[len(axes_b) :], True)  # b's first n axes, wherever they are
    else:
        free_b = _free_dims(b, axes_b)
    return _join(free_a, free_b)


# -- einsum --------------------------------------------------------------------------

_ELLIPSIS = "..."
Term = tuple[str, ...]  # letters, and _ELLIPSIS at most once


def _parse_term(text: str, where: str) -> Term:
    labels: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == ".":
            if text[i : i + 3] != _ELLIPSIS or _ELLIPSIS in labels:
                raise ShapeError(f"einsum subscripts {where}: a '.' outside a single '...'")
            labels.append(_ELLIPSIS)
            i += 3
            continue
        if c not in string.ascii_letters:
            raise ShapeError(f"einsum subscripts {where}: invalid subscript {c!r}")
        labels.append(c)
        i += 1
    return tuple(labels)


def check_arrow(subscripts: str) -> None:
    """NumPy and torch drop spaces around subscripts but not inside the arrow: ``"- >"``
    raises in both (TensorFlow drops every space and accepts it)."""
    if re.search(r"-\s+>", subscripts):
        raise ShapeError(f"einsum subscripts {subscripts!r} split the '->' with a space")


def _parse_einsum(subscripts: str, count: int) -> tuple[list[Term], Term | None]:
    check_arrow(subscripts)
    text = subscripts.replace(" ", "")
    if text.count("->") > 1:
        raise ShapeError(f"einsum subscripts {subscripts!r} have more than one '->'")
    inputs, arrow, output = text.partition("->")
    terms = [_parse_term(t, f"{subscripts!r}") for t in inputs.split(",")]
    if count == 0 or len(terms) != count:
        raise ShapeError(
            f"einsum subscripts {subscripts!r} name {len(terms)} operands, got {count}"
        )
    if not arrow:
        return terms, None
    out = _parse_term(output, f"{subscripts!r}")
    seen = {label for term in terms for label in term}
    for label in out:
        if out.count(label) > 1:
            raise ShapeError(f"einsum output {output!r} repeats {label!r}")
        if label != _ELLIPSIS and label not in seen:
            raise ShapeError(f"einsum output label {label!r} is not in any input: {subscripts!r}")
    return terms, out


def _term_error(term: Term, s: Shape, index: int) -> ShapeError:
    return ShapeError(f"einsum operand {index} has shape {s} but subscripts {''.join(term)!r}")


def _bind_term(term: Term, s: Shape, index: int) -> tuple[list[tuple[str, Dim]], Shape | None]:
    """The dim each label of ``term`` names in operand ``s``, and the ellipsis dims."""
    letters = [label for label in term if label != _ELLIPSIS]
    m = len(letters)
    n = len(s.dims)
    if _ELLIPSIS not in term:
        if (s.variadic and n > m) or (not s.variadic and n != m):
            raise _term_error(term, s, index)
        dims = [UNKNOWN_DIM] * (m - n) + list(s.dims)
        return list(zip(letters, dims, strict=True)), None
    e = term.index(_ELLIPSIS)
    after = m - e
    if not s.variadic:
        if n < m:
            raise _term_error(term, s, index)
        head = list(zip(letters[:e], s.dims[:e], strict=True))
        bound = head + list(zip(letters[e:], s.dims[n - after :], strict=True))
        return bound, Shape(s.dims[e : n - after])
    if n < after:
        tail = [UNKNOWN_DIM] * (after - n) + list(s.dims)
        unknown_head = [(c, UNKNOWN_DIM) for c in letters[:e]]
        return unknown_head + list(zip(letters[e:], tail, strict=True)), UNKNOWN_SHAPE
    least_rank = max(n, m)
    start = max(0, e + n - least_rank)
    tail_bound = list(zip(letters[e:], s.dims[n - after :], strict=True))
    bound = [(c, UNKNOWN_DIM) for c in letters[:e]] + tail_bound
    return bound, Shape(s.dims[start : n - after], True)


def _diagonal(dims: Sequence[Dim], as_view: bool) -> Dim | None:
    """The size of a label repeated within one operand, or None when the dims provably
    cannot form a diagonal."""
    first = dims[0]
    if not as_view or (first.value is not None and first.value > 0):
        if any(first.equals(d) is False for d in dims[1:]):
            return None
        return _pick(dims)
    values = [d.value for d in dims]
    if all(v is not None for v in values):
        current = 0
        for v in values:
            if current == 0:
                current = v or 0
            elif current != v:
                return None
        return Dim.of(current)
    return first if all(first.equals(d) is True for d in dims[1:]) else UNKNOWN_DIM


def einsum(
    subscripts: str, *operands: Shape, broadcast_labels: bool = True, numpy_views: bool = True
) -> Shape:
    """``numpy.einsum`` shape rule: explicit or implicit output, ellipsis, diagonals, and
    size-1 broadcasting of labelled dims across operands (``broadcast_labels=False``, as
    TensorFlow: a label's sizes must all be equal). ``numpy_views=False`` drops NumPy's view
    path, which takes a leading 0 of a diagonal as "not yet seen" (torch rejects it)."""
    terms, out = _parse_einsum(subscripts, len(operands))
    sizes: dict[str, list[Dim]] = {}
    ellipses: list[Shape] = []
    for index, (term, s) in enumerate(zip(terms, operands, strict=True)):
        bound, ell = _bind_term(term, s, index)
        if ell is not None:
            ellipses.append(ell)
        local: dict[str, list[Dim]] = {}
        for label, d in bound:
            local.setdefault(label, []).append(d)
        # NumPy answers a single operand with nothing summed by a view, and that path
        # takes a leading 0 on a diagonal as "not yet seen"
        as_view = (
            numpy_views
            and len(operands) == 1
            and out is not None
            and set(term) - {_ELLIPSIS} <= set(out)
        )
        for label, dims in local.items():
            size = _diagonal(dims, as_view)
            if size is None:
                raise ShapeError(
                    f"einsum operand {index} {s}: dims for repeated index {label!r} differ"
                )
            sizes.setdefault(label, []).append(size)
    merged: dict[str, Dim] = {}
    for label, dims in sizes.items():
        if not broadcast_labels and any(
            first.equals(other) is False for k, first in enumerate(dims) for other in dims[k + 1 :]
        ):
            shown = ", ".join(str(s) for s in operands)
            raise ShapeError(f"einsum index {label!r} has different sizes in {shown}")
        value = _merge_broadcast(dims, False)
        if value is None:
            shown = ", ".join(str(s) for s in operands)
            raise ShapeError(f"einsum index {label!r} has different sizes in {shown}")
        merged[label] = value
    try:
        ell_shape = broadcast(*ellipses)
    except ShapeError:
        shown = ", ".join(str(s) for s in operands)
        raise ShapeError(f"einsum '...' dims cannot broadcast in {shown}") from None
    if out is None:
        counts = [label for term in terms for label in term if label != _ELLIPSIS]
        once = sorted(c for c in set(counts) if counts.count(c) == 1)
        out = ((_ELLIPSIS,) if ellipses else ()) + tuple(once)
    if _ELLIPSIS not in out and ell_shape.dims:
        raise ShapeError(f"einsum output {subscripts!r} drops '...' dims {ell_shape}")
    parts = [ell_shape if label == _ELLIPSIS else Shape((merged[label],)) for label in out]
    return _join(*parts)


# -- permutations --------------------------------------------------------------------


def reverse_dims(a: Shape) -> Shape:
    """``.T``: all dims reversed."""
    if a.variadic:
        return UNKNOWN_SHAPE
    return Shape(tuple(reversed(a.dims)))


def permute(a: Shape, axes: Sequence[int] | None) -> Shape:
    """``numpy.transpose(a, axes)``: ``axes`` must be a permutation of the dims."""
    if axes is None:
        return reverse_dims(a)
    order = tuple(axes)
    if len(order) < len(a.dims) or (not a.variadic and len(order) != len(a.dims)):
        raise ShapeError(f"axes {order} don't match {a}")
    full = Shape((UNKNOWN_DIM,) * (len(order) - len(a.dims)) + a.dims)
    positions = [normalise_axis(axis, len(order)) for axis in order]
    if len(set(positions)) != len(positions):
        raise ShapeError(f"repeated axis in permutation {order} of {a}")
    return Shape(tuple(full.dims[p] for p in positions))


def swapaxes(a: Shape, i: int, j: int) -> Shape:
    """``numpy.swapaxes``."""
    pi, maybe_i = _targets(a, i)
    pj, maybe_j = _targets(a, j)
    if pi is not None and pj is not None:
        dims = list(a.dims)
        dims[pi], dims[pj] = dims[pj], dims[pi]
        return Shape(tuple(dims), a.variadic)
    if i == j:
        return a
    touched = maybe_i | maybe_j | {p for p in (pi, pj) if p is not None}
    return Shape(tuple(UNKNOWN_DIM if k in touched else d for k, d in enumerate(a.dims)), True)


def matrix_transpose(a: Shape) -> Shape:
    """``.mT``: the last two dims swapped; needs rank >= 2."""
    if not a.variadic and len(a.dims) < 2:
        raise ShapeError(f"matrix transpose needs rank >= 2, got {a}")
    if len(a.dims) < 2:
        return Shape(((UNKNOWN_DIM,) + a.dims)[-1:] + (UNKNOWN_DIM,), True)
    return Shape(a.dims[:-2] + (a.dims[-1], a.dims[-2]), a.variadic)


# -- reshaping -----------------------------------------------------------------------


def _show_target(newshape: Sequence[Dim]) -> str:
    return str(Shape(tuple(newshape)))


def reshape(a: Shape, newshape: Sequence[DimLike]) -> Shape:
    """``numpy.reshape``: one negative entry is inferred; the element counts must agree."""
    target = [Dim.coerce(d) for d in newshape]
    inferred = [k for k, d in enumerate(target) if d.value is not None and d.value < 0]
    if len(inferred) > 1:
        raise ShapeError(f"can only specify one unknown dimension: {_show_target(target)}")
    total = a.numel()
    rest = Dim.of(1)
    for k, d in enumerate(target):
        if k not in inferred:
            rest = rest * d
    known_part = 1
    for k, d in enumerate(target):
        if k not in inferred and d.value is not None:
            known_part *= d.value
    size = total.value
    shown = f"cannot reshape {a} ({total} elements) into {_show_target(target)}"
    if not inferred and total.equals(rest) is False:
        raise ShapeError(f"{shown} ({rest} elements)")
    if size is not None and known_part != 0 and size % known_part != 0:
        # whatever the unknown entries are, their product cannot make up ``size``
        raise ShapeError(f"{shown}: {size} is not a multiple of {known_part}")
    if not inferred:
        return Shape(tuple(target))
    if rest.value == 0:
        raise ShapeError(f"{shown}: NumPy cannot infer a size next to a 0")
    dims = list(target)
    dims[inferred[0]] = _divide(total, rest)
    return Shape(tuple(dims))


def _divide(total: Dim, part: Dim) -> Dim:
    """``total / part`` when it provably divides, else unknown."""
    if total.value is not None and part.value is not None:
        return Dim.of(total.value // part.value) if total.value % part.value == 0 else UNKNOWN_DIM
    quotient = total // part
    return quotient if (quotient * part).equals(total) is True else UNKNOWN_DIM


def squeeze(a: Shape, axis: int | Sequence[int] | None = None, *, strict: bool = True) -> Shape:
    """``numpy.squeeze`` (``strict``: squeezing a dim that is not 1 raises) or the torch
    form (``strict=False``: such a dim stays)."""
    if axis is None:
        ones = [k for k, d in enumerate(a.dims) if d.is_one() is True]
        return _remove(a, ones, [k for k, d in enumerate(a.dims) if d.is_one() is None])
    if isinstance(axis, int) and a.rank == 0 and axis in (0, -1):
        return a  # NumPy accepts axis 0 or -1 on a 0-d array
    axes = _axes_tuple(axis)
    exact, maybe = _locate_all(a, axes, "axis")
    drop: list[int] = []
    for k in exact:
        verdict = a.dims[k].is_one()
        if verdict is False and strict:
            raise ShapeError(f"cannot squeeze axis {k} of {a}: size {a.dims[k]} is not 1")
        if verdict is True or strict:
            drop.append(k)
        elif verdict is None:
            maybe.add(k)
    return _remove(a, drop, maybe)


def expand_dims(a: Shape, axis: int | Sequence[int]) -> Shape:
    """``numpy.expand_dims`` (and ``unsqueeze`` for one axis): new 1s at ``axis``, counted
    in the result's rank."""
    axes = _axes_tuple(axis)
    if len(set(axes)) != len(axes):
        raise ShapeError(f"repeated axis {axes} in expand_dims of {a}")
    out_rank = len(a.dims) + len(axes)
    if not a.variadic:
        positions = {normalise_axis(x, out_rank) for x in axes}
        if len(positions) != len(axes):
            raise ShapeError(f"repeated axis {axes} in expand_dims of {a}")
        source = iter(a.dims)
        return Shape(tuple(Dim.of(1) if k in positions else next(source) for k in range(out_rank)))
    from_end = {-x for x in axes if x < 0}
    starts = [x for x in axes if x >= 0]
    safe = min((out_rank - x - 1 for x in starts), default=out_rank + max(from_end, default=0))
    out: list[Dim] = []
    remaining = list(a.dims)
    for e in range(1, max(safe, 0) + 1):
        if e in from_end:
            out.append(Dim.of(1))
        elif remaining:
            out.append(remaining.pop())
        else:
            break
    return Shape(tuple(reversed(out)), True)


def reduce(a: Shape, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Shape:
    """A reduction (``sum``, ``mean``, ``max`` ...) over ``axis`` (all axes for None)."""
    if axis is None:
        return Shape((Dim.of(1),) * len(a.dims), a.variadic) if keepdims else Shape(())
    if isinstance(axis, int) and a.rank == 0:
        if axis in (0, -1):
            return a  # NumPy accepts axis 0 or -1 on a 0-d array
        raise ShapeError(f"axis {axis} is out of bounds for rank 0")
    exact, maybe = _locate_all(a, _axes_tuple(axis), "axis")
    if not keepdims:
        return _remove(a, exact, maybe)
    dims = [
        Dim.of(1) if k in exact else UNKNOWN_DIM if k in maybe else d for k, d in enumerate(a.dims)
    ]
    return Shape(tuple(dims), a.variadic)


def flatten(a: Shape, start_dim: int = 0, end_dim: int = -1) -> Shape:
    """``torch.flatten``: dims ``start_dim..end_dim`` merged into one (0-d gives (1,))."""
    if a.rank == 0:
        normalise_axis(start_dim, 1)
        normalise_axis(end_dim, 1)
        return Shape.of(1)
    if not a.variadic:
        s, e = normalise_axis(start_dim, len(a.dims)), normalise_axis(end_dim, len(a.dims))
        if s > e:
            raise ShapeError(f"flatten of {a}: start_dim {start_dim} comes after end_dim {end_dim}")
        merged = Shape(a.dims[s : e + 1]).numel()
        return Shape(a.dims[:s] + (merged,) + a.dims[e + 1 :])
    pe, _ = _targets(a, end_dim)
    if pe is None:
        return UNKNOWN_SHAPE
    tail = a.dims[pe + 1 :]
    if start_dim >= 0:
        return Shape((UNKNOWN_DIM,) * (start_dim + 1) + tail)
    ps, _ = _targets(a, start_dim)
    if ps is None:
        return Shape((UNKNOWN_DIM,) + tail, True)
    if ps > pe:
        raise ShapeError(f"flatten of {a}: start_dim {start_dim} comes after end_dim {end_dim}")
    return Shape(a.dims[:ps] + (Shape(a.dims[ps : pe + 1]).numel(),) + tail, True)


# -- joining -------------------------------------------------------------------------


def _common_rank(shapes: Sequence[Shape], what: str) -> int | None:
    ranks = {s.rank for s in shapes if s.rank is not None}
    longest = max(len(s.dims) for s in shapes)
    if len(ranks) > 1 or (ranks and longest > min(ranks)):
        shown = ", ".join(str(s) for s in shapes)
        raise ShapeError(f"cannot {what} {shown}: ranks differ")
    return ranks.pop() if ranks else None


def _pad(s: Shape, rank: int) -> tuple[Dim, ...]:
    return (UNKNOWN_DIM,) * (rank - len(s.dims)) + s.dims


def _unify(column: Sequence[Dim], shapes: Sequence[Shape], what: str, where: str) -> Dim:
    for i, first in enumerate(column):
        if any(first.equals(other) is False for other in column[i + 1 :]):
            shown = ", ".join(str(s) for s in shapes)
            raise ShapeError(f"cannot {what} {shown}: {where} differs")
    return _pick(column)


def _suffix_columns(shapes: Sequence[Shape], count: int) -> list[list[Dim]]:
    """For offsets 1..count from the end, the dims each shape provably has there."""
    return [[s.dims[-k] for s in shapes if len(s.dims) >= k] for k in range(1, count + 1)]


def concatenate(shapes: Sequence[Shape], axis: int | None = 0) -> Shape:
    """``numpy.concatenate``: same rank, equal dims except along ``axis``, which adds up
    (``axis=None`` flattens every input first)."""
    if not shapes:
        raise ShapeError("need at least one array to concatenate")
    if axis is None:
        total = Dim.of(0)
        for s in shapes:
            total = total + s.numel()
        return Shape((total,))
    rank = _common_rank(shapes, "concatenate")
    if rank == 0:
        raise ShapeError("zero-dimensional arrays cannot be concatenated")
    if rank is not None:
        position = normalise_axis(axis, rank)
        padded = [_pad(s, rank) for s in shapes]
        dims: list[Dim] = []
        for k in range(rank):
            column = [p[k] for p in padded]
            if k == position:
                total = Dim.of(0)
                for d in column:
                    total = total + d
                dims.append(total)
            else:
                dims.append(_unify(column, shapes, "concatenate", f"dim {k}"))
        return Shape(tuple(dims))
    longest = max(len(s.dims) for s in shapes)
    if axis < 0:
        columns = _suffix_columns(shapes, longest)
        out: list[Dim] = []
        for k, column in enumerate(columns, start=1):
            if k == -axis:
                whole = all(len(s.dims) >= k for s in shapes)
                total = Dim.of(0)
                for d in column:
                    total = total + d
                out.append(total if whole else UNKNOWN_DIM)
            else:
                out.append(_unify(column, shapes, "concatenate", f"dim {-k}"))
        return Shape(tuple(reversed(out)), True)
    safe = max(longest, axis + 1) - axis - 1  # offsets from the end that cannot be the axis
    columns = _suffix_columns(shapes, min(safe, longest))
    out = [_unify(c, shapes, "concatenate", f"dim {-k}") for k, c in enumerate(columns, 1)]
    return Shape(tuple(reversed(out)), True)


def stack(shapes: Sequence[Shape], axis: int = 0) -> Shape:
    """``numpy.stack``: equal shapes, joined along a new axis of size ``len(shapes)``."""
    if not shapes:
        raise ShapeError("need at least one array to stack")
    rank = _common_rank(shapes, "stack")
    count = Dim.of(len(shapes))
    if rank is not None:
        padded = [_pad(s, rank) for s in shapes]
        merged = Shape(
            tuple(_unify([p[k] for p in padded], shapes, "stack", f"dim {k}") for k in range(rank))
        )
        position = normalise_axis(axis, rank + 1)
        return Shape(merged.dims[:position] + (count,) + merged.dims[position:])
    longest = max(len(s.dims) for s in shapes)
    columns = _suffix_columns(shapes, longest)
    merged_dims = [_unify(c, shapes, "stack", f"dim {-k}") for k, c in enumerate(columns, 1)]
    result = expand_dims(Shape(tuple(reversed(merged_dims)), True), axis)
    if axis < 0 and -axis <= len(result.dims):
        dims = list(result.dims)
        dims[len(dims) + axis] = count
        return Shape(tuple(dims), True)
    return result
