"""``keras.layers.UpSampling{1,2,3}D`` repeat the spatial axes (sizes checked against Keras 3
and tf.keras), so a U-Net's concatenation on the wrong axis is found after it."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual

K = "import numpy as np\nimport keras\nfrom keras import layers\n"


@pytest.mark.parametrize(
    ("layer", "shape", "result"),
    [
        ("UpSampling1D(3)", (2, 5, 4), "(2, 15, 4)"),
        ("UpSampling2D((2, 3))", (2, 5, 6, 4), "(2, 10, 18, 4)"),
        ("UpSampling2D(2, data_format='channels_first')", (2, 4, 5, 6), "(2, 4, 10, 12)"),
        ("UpSampling2D(interpolation='bilinear')", (2, 5, 6, 4), "(2, 10, 12, 4)"),
        ("UpSampling3D()", (1, 2, 3, 4, 5), "(1, 4, 6, 8, 5)"),
        ("UpSampling2D()", (2, 5, 4), "(…)"),  # another rank: not claimed
        ("UpSampling2D(2, data_format=fmt)", (2, 5, 6, 4), "(…)"),  # a layout not known
    ],
)
def test_upsampling_repeats_the_spatial_axes(
    layer: str, shape: tuple[int, ...], result: str
) -> None:
    assert infer(K + f"r = layers.{layer}(np.zeros({shape}))\n") == result


UNET = (
    K + "inputs = keras.Input((24, 24, 1))\n"
    "conv2 = layers.Conv2D(64, 3, padding='same')(inputs)\n"
    "conv3 = layers.Conv2D(128, 3, padding='same')(layers.MaxPooling2D(2)(conv2))\n"
    "up = layers.UpSampling2D(size=(2, 2))(conv3)\n"
)


def test_a_concatenation_on_the_wrong_axis_after_upsampling_is_found() -> None:
    assert actual(UNET + "r = layers.Concatenate(axis=1)([up, conv2])\n") == {("SHP001", 8, 5)}


def test_the_concatenation_on_the_channels_is_silent() -> None:
    source = UNET + "r = layers.Concatenate(axis=-1)([up, conv2])\n"
    assert actual(source) == set()
    assert infer(source) == "(?, 24, 24, 192)"
