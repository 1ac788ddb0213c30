"""``tf.nn.max_pool``/``avg_pool`` windows in the full ``ndim + 2`` form (shapes/tf_pooling).

Each case was run under TensorFlow 2.21 on the CPU: a window over the channels alone is
depthwise max pooling (Hands-On ML's chapter 14 shows it), which divides the channels and
ignores the spatial strides; every other window over the batch or the channels raises.
"""

from __future__ import annotations

import pytest

from shapelint.shapes.shape import Shape, ShapeError
from shapelint.shapes.tf_pooling import tf_pool

NHWC = Shape.of(2, 70, 120, 60)
OUTER = "pools over the batch or channel dim"


@pytest.mark.parametrize(
    ("x", "ksize", "strides", "padding", "expected"),
    [
        (NHWC, (1, 1, 1, 3), (1, 1, 1, 3), "VALID", Shape.of(2, 70, 120, 20)),
        (NHWC, (1, 1, 1, 3), (1, 2, 2, 3), "SAME", Shape.of(2, 70, 120, 20)),
        (NHWC, (1, 1, 1, 4), (1, 1, 1, 4), "VALID", Shape.of(2, 70, 120, 15)),
        (Shape.of(2, 8, 6), (1, 1, 3), (1, 1, 3), "VALID", Shape.of(2, 8, 2)),
        (NHWC, (1, 2, 2, 1), (1, 2, 2, 1), "VALID", Shape.of(2, 35, 60, 60)),
    ],
)
def test_pooling_shapes(
    x: Shape, ksize: tuple[int, ...], strides: tuple[int, ...], padding: str, expected: Shape
) -> None:
    assert tf_pool(x, ndim=None, ksize=ksize, strides=strides, padding=padding) == expected


@pytest.mark.parametrize(
    ("x", "ksize", "strides", "kind", "reason"),
    [
        (Shape.of(2, 7, 12, 61), (1, 1, 1, 3), (1, 1, 1, 3), "max",
         "the depth window 3 does not divide the 61 channels"),
        (NHWC, (1, 1, 1, 3), (1, 1, 1, 2), "max",
         "depthwise max pooling needs the depth stride 2 to be 3"),
        (NHWC, (1, 1, 1, 3), (1, 1, 1, 3), "avg", f"ksize (1, 1, 1, 3) {OUTER}"),
        (NHWC, (1, 2, 2, 3), (1, 2, 2, 3), "max", f"ksize (1, 2, 2, 3) {OUTER}"),
        (NHWC, (2, 1, 1, 1), (2, 1, 1, 1), "max", f"ksize (2, 1, 1, 1) {OUTER}"),
    ],
)  # fmt: skip
def test_windows_tensorflow_rejects(
    x: Shape, ksize: tuple[int, ...], strides: tuple[int, ...], kind: str, reason: str
) -> None:
    with pytest.raises(ShapeError) as caught:
        tf_pool(x, ndim=None, ksize=ksize, strides=strides, padding="VALID", kind=kind)
    assert caught.value.reason == reason
