"""Shorthands the shape-rule tests share: shapes written as dims, and the reason a rule
gives when it raises."""

from __future__ import annotations

import pytest

from shapelint.shapes.shape import Dim, Shape, ShapeError

B, T, F, N = Dim.sym("B"), Dim.sym("T"), Dim.sym("F"), Dim.sym("N")
U = Dim.unknown()


def S(*dims: Dim | int | None) -> Shape:
    return Shape.of(*dims)


def V(*dims: Dim | int | None) -> Shape:
    """A shape with an unknown-length prefix: (…, dims)."""
    return Shape.from_dims(dims, variadic=True)


def reason(run: object) -> str:
    assert callable(run)
    with pytest.raises(ShapeError) as caught:
        run()
    return caught.value.reason
