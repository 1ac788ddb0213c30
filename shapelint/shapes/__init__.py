"""The numeric core: dims, shapes and pure shape rules. Imports numpy, never libcst."""

from shapelint.shapes.shape import (
    UNKNOWN_DIM,
    UNKNOWN_SHAPE,
    Dim,
    Shape,
    ShapeError,
    join,
    join_dims,
)

__all__ = ["Dim", "Shape", "ShapeError", "UNKNOWN_DIM", "UNKNOWN_SHAPE", "join", "join_dims"]
