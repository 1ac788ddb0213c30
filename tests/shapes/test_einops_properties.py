"""The einops pattern rules against einops itself (NumPy backend), on generated patterns.

Agreement: on concrete shapes and lengths, ``einops_pattern.apply`` returns einops' result
shape and raises exactly when einops raises.

Soundness: a case einops accepts stays accepted when some axis lengths are passed with an
unknown value (the keyword is written, its value is not known) or some input dims become
unknown, and every dim the rule then still claims holds for the concrete result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from shapelint.shapes import einops_pattern
from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape, ShapeError

einops = pytest.importorskip("einops")

MODES = ("rearrange", "reduce", "repeat")


@dataclass(frozen=True)
class Case:
    mode: str
    dims: tuple[int, ...]
    pattern: str
    lengths: dict[str, int]


def _group(draw: st.DrawFn, atoms: list[str]) -> list[str]:
    """Consecutive atoms, some of them joined into parenthesised groups (``(...)`` too)."""
    items: list[str] = []
    at = 0
    while at < len(atoms):
        width = draw(st.integers(1, min(3, len(atoms) - at)))
        chunk = atoms[at : at + width]
        at += width
        if width > 1 or draw(st.integers(0, 3)) == 0:
            items.append("(" + " ".join(chunk) + ")")
        else:
            items.extend(chunk)
    return items


@st.composite
def cases(draw: st.DrawFn) -> Case:
    mode = draw(st.sampled_from(MODES))
    dims = tuple(draw(st.lists(st.integers(1, 4), max_size=5)))
    names = iter("abcdefghijklmn")
    span: tuple[int, int] | None = None
    if draw(st.booleans()):
        start = draw(st.integers(0, len(dims)))
        span = (start, draw(st.integers(start, len(dims))))
    left: list[str] = []
    axes: list[str] = []
    lengths: dict[str, int] = {}
    for index in range(len(dims) + 1):
        if span is not None and index == span[0]:
            left.append("...")
        if index == len(dims) or span is not None and span[0] <= index < span[1]:
            continue
        size = dims[index]
        choice = draw(st.integers(0, 4))
        if choice == 0 and size in (2, 4):  # a composition: one or both lengths given
            first, second = next(names), next(names)
            left.append(f"({first} {second})")
            axes += [first, second]
            lengths[first] = 2
            if draw(st.booleans()):
                lengths[second] = size // 2
        elif choice == 1 and size == 1:
            left.append(draw(st.sampled_from(["1", "()"])))
        else:
            name = next(names)
            left.append(name)
            axes.append(name)
            if draw(st.integers(0, 4)) == 0:
                lengths[name] = size
    atoms = axes + (["..."] if span is not None else [])
    if mode == "reduce":
        atoms = [a for a in atoms if draw(st.booleans())]
    if mode == "repeat":
        for _ in range(draw(st.integers(0, 2))):
            name = next(names)
            atoms.append(name)
            lengths[name] = draw(st.integers(1, 3))
    atoms = list(draw(st.permutations(atoms)))
    if draw(st.integers(0, 3)) == 0:
        atoms.insert(draw(st.integers(0, len(atoms))), "1")
    right = _group(draw, atoms)
    mutation = draw(st.integers(0, 5))
    if mutation == 0 and lengths:  # a wrong length
        name = draw(st.sampled_from(sorted(lengths)))
        lengths[name] += 1
    elif mutation == 1 and lengths:  # a length left out
        del lengths[draw(st.sampled_from(sorted(lengths)))]
    elif mutation == 2:  # the input's rank changed
        dims = dims + (2,) if draw(st.booleans()) or not dims else dims[:-1]
    return Case(mode, dims, f"{' '.join(left)} -> {' '.join(right)}", lengths)


def einops_shape(case: Case) -> tuple[int, ...] | None:
    x = np.zeros(case.dims)
    extra = ("sum",) if case.mode == "reduce" else ()
    try:
        result = getattr(einops, case.mode)(x, case.pattern, *extra, **case.lengths)
    except einops.EinopsError:
        return None
    return tuple(result.shape)


def rule_shape(case: Case, dims: list[Dim], lengths: dict[str, Dim]) -> Shape | None:
    try:
        return einops_pattern.apply(case.mode, Shape.from_dims(dims), case.pattern, lengths)
    except ShapeError:
        return None


@given(cases())
def test_agrees_with_einops(case: Case) -> None:
    expected = einops_shape(case)
    lengths = {name: Dim.of(n) for name, n in case.lengths.items()}
    got = rule_shape(case, [Dim.of(d) for d in case.dims], lengths)
    event("einops raises" if expected is None else "einops accepts")
    if expected is None:
        assert got is None, f"einops raises on {case} but the rule returns {got}"
    else:
        assert got is not None, f"einops returns {expected} on {case} but the rule raises"
        assert got.concrete() == expected, f"{case}: einops {expected}, rule {got}"


@given(cases(), st.data())
def test_unknown_lengths_and_dims_stay_sound(case: Case, data: st.DataObject) -> None:
    expected = einops_shape(case)
    if expected is None:
        return
    lengths = {
        name: UNKNOWN_DIM if data.draw(st.booleans()) else Dim.of(n)
        for name, n in case.lengths.items()
    }
    dims = [UNKNOWN_DIM if data.draw(st.booleans()) else Dim.of(d) for d in case.dims]
    got = rule_shape(case, dims, lengths)
    assert got is not None, f"einops returns {expected} on {case} but the rule raises"
    if got.variadic:
        assert len(got.dims) <= len(expected)
        claimed = list(zip(reversed(got.dims), reversed(expected)))
    else:
        assert len(got.dims) == len(expected), f"{case}: einops {expected}, rule {got}"
        claimed = list(zip(got.dims, expected))
    for dim, size in claimed:
        assert dim.equals(size) is not False, f"{case}: einops {expected}, rule {got}"
