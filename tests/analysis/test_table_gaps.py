"""Framework models that were too coarse or missing: ``masked_fill`` checks its mask,
``K.expand_dims`` has a default axis, ``nn.PixelShuffle``, ``nn.TransformerEncoder``,
``tf.nn.max_pool*``, a conv with an unknown kernel still checks its in-channels, and a Keras
layer keeps the width it was built on (``Model.fit`` running a custom ``train_step`` is in
``test_keras_model_steps.py``)."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

TORCH = "import torch\nimport torch.nn as nn\n"
TF = "import tensorflow as tf\nfrom tensorflow import keras\n"

CASES = [
    pytest.param(
        TORCH + "a = torch.ones(2, 3).masked_fill(torch.ones(4, 5) > 0, 0.0)  # SHP001: 5\n",
        id="masked-fill-mask-must-broadcast",
    ),
    pytest.param(
        TORCH + "a = torch.ones(2, 3).masked_fill(torch.ones(1, 3) > 0, 0.0)\n"
        "r = a @ torch.ones(3, 1)\n",
        id="masked-fill-mask-must-broadcast-fixed",
    ),
    pytest.param(
        "from tensorflow.keras import backend as K\n"
        "b = K.expand_dims(K.ones((2, 3)))\n"
        "r = K.dot(b, K.ones((2, 3)))  # SHP001: 5\n",
        id="keras-expand-dims-default-axis",
    ),
    pytest.param(
        TORCH + "ps = nn.PixelShuffle(2)(torch.ones(1, 8, 4, 4))\n"
        "r = ps.view(1, 2, 32)  # SHP001: 5\n",
        id="pixel-shuffle",
    ),
    pytest.param(
        TORCH + "ps = nn.PixelShuffle(2)(torch.ones(1, 8, 4, 4))\nr = ps.view(1, 2, 64)\n",
        id="pixel-shuffle-fixed",
    ),
    pytest.param(
        TORCH + "ps = nn.PixelShuffle(3)(torch.ones(1, 8, 4, 4))  # SHP001: 6\n",
        id="pixel-shuffle-channels-must-divide",
    ),
    pytest.param(
        TORCH + "layer = nn.TransformerEncoderLayer(d_model=16, nhead=4)\n"
        "enc = nn.TransformerEncoder(layer, num_layers=2)\n"
        "e = enc(torch.ones(5, 2, 12))  # SHP001: 5\n",
        id="transformer-encoder",
    ),
    pytest.param(
        TORCH + "layer = nn.TransformerEncoderLayer(d_model=16, nhead=4)\n"
        "enc = nn.TransformerEncoder(layer, num_layers=2)\n"
        "e = enc(torch.ones(5, 2, 16))\n"
        "r = e @ torch.ones(16, 1)\n",
        id="transformer-encoder-fixed",
    ),
    pytest.param(
        TF + "mp = tf.nn.max_pool2d(tf.ones((1, 8, 8, 3)), ksize=2, strides=2, padding='VALID')\n"
        "r = tf.reshape(mp, (1, 64, 3))  # SHP001: 5\n",
        id="tf-nn-max-pool2d",
    ),
    pytest.param(
        TF + "mp = tf.nn.max_pool2d(tf.ones((1, 8, 8, 3)), ksize=2, strides=2, padding='VALID')\n"
        "r = tf.reshape(mp, (1, 16, 3))\n",
        id="tf-nn-max-pool2d-fixed",
    ),
    pytest.param(
        TORCH + "def f(k):\n"
        "    conv = nn.Conv2d(3, 8, k)\n"
        "    return conv(torch.ones(1, 4, 10, 10))  # SHP001: 12\n",
        id="conv-with-unknown-kernel-checks-in-channels",
    ),
    pytest.param(
        TORCH + "def f(k):\n"
        "    conv = nn.Conv2d(3, 8, k)\n"
        "    return conv(torch.ones(1, 3, 10, 10))\n",
        id="conv-with-unknown-kernel-checks-in-channels-fixed",
    ),
    pytest.param(
        TF + "dense = keras.layers.Dense(4)\n"
        "d1 = dense(tf.ones((2, 7)))\n"
        "d2 = dense(tf.ones((2, 20)))  # SHP001: 6\n",
        id="keras-layer-keeps-its-build-width",
    ),
    pytest.param(
        TF + "dense = keras.layers.Dense(4)\n"
        "d1 = dense(tf.ones((2, 7)))\n"
        "d2 = dense(tf.ones((3, 7)))\n",
        id="keras-layer-keeps-its-build-width-fixed",
    ),
    pytest.param(
        "import torch\n"
        "import torch.nn.functional as F\n"
        "y = F.batch_norm(torch.ones(2, 3), torch.ones(5), torch.ones(5))  # SHP001: 5\n",
        id="functional-batch-norm-checks-its-running-mean",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_framework_models(source: str) -> None:
    assert actual(source) == expected(source)
