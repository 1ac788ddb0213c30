"""einops patterns: ``rearrange``, ``reduce``, ``repeat`` and ``einsum`` as shape rules.

A pattern names every axis, so it is itself a declaration: the input's rank and any axis
length passed as a keyword are checked against the input, as einops does at run time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

_TOKEN = re.compile(r"\(|\)|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|\d+|\S")
ELLIPSIS = "..."
# the ellipsis written inside parentheses, ``(...)`` or ``(h ...)``: its dims are merged into
# one axis (a bare ``...`` stands for the dims themselves), so the two must not be confused
COMPOSED_ELLIPSIS = "(...)"

Group = tuple[str, ...]  # a parenthesised composition; a bare axis is a group of one


def parse_side(text: str) -> list[Group]:
    """``"b (h w) c"`` -> [("b",), ("h", "w"), ("c",)]; numbers are anonymous axes."""
    items: list[Group] = []
    current: list[str] | None = None
    for token in _TOKEN.findall(text):
        if token == "(":
            if current is not None:
                raise ShapeError(f"nested parentheses in einops pattern {text!r}")
            current = []
        elif token == ")":
            if current is None:
                raise ShapeError(f"unbalanced parentheses in einops pattern {text!r}")
            items.append(tuple(COMPOSED_ELLIPSIS if n == ELLIPSIS else n for n in current))
            current = None
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|\d+|\.\.\.", token):
            if current is not None:
                current.append(token)
            else:
                items.append((token,))
        else:
            raise ShapeError(f"unexpected {token!r} in einops pattern {text!r}")
    if current is not None:
        raise ShapeError(f"unbalanced parentheses in einops pattern {text!r}")
    names = [n for g in items for n in g if not n.isdigit()]
    if len(names) != len(set(names)) or ELLIPSIS in names and COMPOSED_ELLIPSIS in names:
        raise ShapeError(f"an axis appears twice in {text!r}")
    return items


def _axis_names(side: list[Group]) -> set[str]:
    """The named axes of one side; the ellipsis counts as one name, composed or not."""
    return {ELLIPSIS if n == COMPOSED_ELLIPSIS else n for g in side for n in g if not n.isdigit()}


def _axis_size(name: str, sizes: dict[str, Dim]) -> Dim:
    if name.isdigit():
        return Dim.of(int(name))
    return sizes.get(name, UNKNOWN_DIM)


def _product(dims: Sequence[Dim]) -> Dim:
    total = Dim.of(1)
    for d in dims:
        total = total * d
    return total


def _bind_input(
    left: list[Group], shape: Shape, lengths: Mapping[str, Dim], pattern: str
) -> tuple[dict[str, Dim], Shape | None]:
    """Axis sizes from the input; the dims an ellipsis stands for (None when no ellipsis)."""
    sizes: dict[str, Dim] = dict(lengths)
    if any(COMPOSED_ELLIPSIS in g for g in left):
        raise ShapeError(f"pattern {pattern!r} has an ellipsis in parentheses on its left side")
    has_ellipsis = any(ELLIPSIS in g for g in left)
    fixed = len(left) - (1 if has_ellipsis else 0)
    if not shape.variadic:
        if has_ellipsis and len(shape.dims) < fixed:
            raise ShapeError(
                f"pattern {pattern!r} needs at least {fixed} dims, "
                f"the input {shape} has {len(shape.dims)}"
            )
        if not has_ellipsis and len(shape.dims) != fixed:
            raise ShapeError(
                f"pattern {pattern!r} expects {fixed} dims, the input {shape} has {len(shape.dims)}"
            )
    elif len(shape.dims) > fixed and not has_ellipsis:
        raise ShapeError(f"pattern {pattern!r} expects {fixed} dims, the input {shape} has more")
    ellipsis_dims: Shape | None = None
    pairs: list[tuple[Group, Dim | None]]
    if has_ellipsis:
        at = next(i for i, g in enumerate(left) if ELLIPSIS in g)
        before, after = left[:at], left[at + 1 :]
        if shape.variadic:
            head: list[Dim | None] = [None] * len(before)
            tail = list(shape.dims[-len(after) :]) if after else []
            if len(tail) < len(after):
                tail = [UNKNOWN_DIM] * (len(after) - len(tail)) + tail
            ellipsis_dims = Shape((), True)
            pairs = list(zip(before, head)) + list(zip(after, tail))
        else:
            dims = list(shape.dims)
            ellipsis_dims = Shape(tuple(dims[len(before) : len(dims) - len(after)]))
            pairs = [*zip(before, dims[: len(before)]), *zip(after, dims[len(dims) - len(after) :])]
    else:
        known = list(shape.dims)
        if shape.variadic:
            known = [UNKNOWN_DIM] * (fixed - len(known)) + known
        pairs = [*zip(left, known)]
    for group, dim in pairs:
        if dim is None:
            continue
        _bind_group(group, dim, sizes, pattern, shape)
    return sizes, ellipsis_dims


def _bind_group(group: Group, dim: Dim, sizes: dict[str, Dim], pattern: str, shape: Shape) -> None:
    if len(group) == 1:
        name = group[0]
        if name.isdigit():
            if dim.equals(int(name)) is False:
                raise ShapeError(f"axis {name} of pattern {pattern!r} meets size {dim} in {shape}")
            return
        if name in sizes and sizes[name].equals(dim) is False:
            raise ShapeError(
                f"axis {name}={sizes[name]} does not match size {dim} of the input {shape}"
            )
        if name not in sizes or sizes[name].is_unknown:
            sizes[name] = dim
        return
    absent = [n for n in group if not n.isdigit() and n not in sizes]
    if len(absent) > 1:  # einops infers at most one length per group
        raise ShapeError(
            f"group ({' '.join(group)}) of pattern {pattern!r} needs a length for all but one "
            f"of {', '.join(absent)}"
        )
    unknown = [n for n in group if _axis_size(n, sizes).is_unknown]
    known = _product([_axis_size(n, sizes) for n in group if n not in unknown])
    if not unknown:
        if known.equals(dim) is False:
            raise ShapeError(
                f"group ({' '.join(group)}) of size {known} does not match size {dim} "
                f"of the input {shape}"
            )
        return
    if len(unknown) == 1:
        k, d = known.value, dim.value
        if k is not None and d is not None and k != 0 and d % k != 0:
            raise ShapeError(
                f"size {d} of the input {shape} is not divisible by {k} "
                f"for group ({' '.join(group)})"
            )
        sizes[unknown[0]] = dim // known


def _output(right: list[Group], sizes: dict[str, Dim], ellipsis_dims: Shape | None) -> Shape:
    dims: list[Dim] = []
    variadic = False
    for group in right:
        if (ELLIPSIS in group or COMPOSED_ELLIPSIS in group) and ellipsis_dims is None:
            raise ShapeError("an ellipsis on the right needs one on the left")
        if COMPOSED_ELLIPSIS in group and ellipsis_dims is not None:
            # the ellipsis dims and the group's other axes, merged into one
            merged = UNKNOWN_DIM if ellipsis_dims.variadic else _product(ellipsis_dims.dims)
            others = [_axis_size(n, sizes) for n in group if n != COMPOSED_ELLIPSIS]
            dims.append(_product([merged, *others]))
            continue
        if ELLIPSIS in group and ellipsis_dims is not None:
            if ellipsis_dims.variadic:
                if dims:
                    dims = []
                variadic = True
            dims.extend(ellipsis_dims.dims)
            continue
        dims.append(_product([_axis_size(n, sizes) for n in group]))
    return Shape(tuple(dims), variadic)


def apply(mode: str, shape: Shape, pattern: str, lengths: Mapping[str, Dim]) -> Shape:
    """The result of ``einops.<mode>(x, pattern, **lengths)``."""
    if "->" not in pattern:
        raise ShapeError(f"einops pattern {pattern!r} has no '->'")
    left_text, right_text = pattern.split("->", 1)
    left, right = parse_side(left_text), parse_side(right_text)
    sizes, ellipsis_dims = _bind_input(left, shape, lengths, pattern)
    left_names, right_names = _axis_names(left), _axis_names(right)
    if mode == "rearrange" and left_names != right_names:
        raise ShapeError(f"rearrange pattern {pattern!r} must use the same axes on both sides")
    if mode == "reduce" and not right_names <= left_names:
        raise ShapeError(
            f"reduce pattern {pattern!r} introduces new axes {sorted(right_names - left_names)}"
        )
    if mode == "repeat":
        missing = [n for n in right_names - left_names if n not in lengths]
        if missing:
            raise ShapeError(
                f"repeat pattern {pattern!r} needs a length for {', '.join(sorted(missing))}"
            )
    return _output(right, sizes, ellipsis_dims)


def einsum(pattern: str, *shapes: Shape) -> Shape:
    """``einops.einsum(a, b, "b i d, b j d -> b i j")``: multi-letter axis names."""
    if "->" not in pattern:
        raise ShapeError(f"einops.einsum pattern {pattern!r} has no '->'")
    inputs_text, output_text = pattern.split("->", 1)
    inputs = [parse_side(part) for part in inputs_text.split(",")]
    if len(inputs) != len(shapes):
        raise ShapeError(f"pattern {pattern!r} names {len(inputs)} operands, got {len(shapes)}")
    sizes: dict[str, Dim] = {}
    for side, shape in zip(inputs, shapes):
        if any(len(g) != 1 or COMPOSED_ELLIPSIS in g for g in side):
            raise ShapeError(f"einops.einsum does not take parenthesised groups: {pattern!r}")
        found, _ = _bind_input(side, shape, {}, pattern)
        for name, dim in found.items():
            if name in sizes and sizes[name].equals(dim) is False:
                raise ShapeError(
                    f"axis {name} has size {sizes[name]} in one operand and {dim} in another"
                )
            if name not in sizes or sizes[name].is_unknown:
                sizes[name] = dim
    # the operands' ellipsis dims broadcast together: not worked out here, so an ellipsis
    # on the right stands for dims of unknown number when the operands have one
    has_ellipsis = any(ELLIPSIS in g for side in inputs for g in side)
    return _output(parse_side(output_text), sizes, UNKNOWN_SHAPE if has_ellipsis else None)
