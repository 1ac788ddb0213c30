"""What the interpreter infers, snippet by snippet: the shape bound to a name at the end of
the module. Each case is a small program and the exact shape it must produce ("(…)" means
unknown, which is also a claim: the analysis must not invent a shape)."""

from __future__ import annotations

import libcst
import pytest

from shapelint.analysis.interpreter import Interpreter
from shapelint.analysis.values import IntValue, Tensor

TORCH = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"
NP = "import numpy as np\n"
TF = "import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"
K = "from tensorflow.keras import backend as K\n"
JNP = "import jax.numpy as jnp\n"

CASES = [
    # constructors
    (NP + "r = np.zeros((2, 3))", "(2, 3)"),
    (NP + "r = np.random.randn(4, 5)", "(4, 5)"),
    (NP + "r = np.array([[1, 2, 3], [4, 5, 6]])", "(2, 3)"),
    (NP + "r = np.arange(10)", "(10,)"),
    (NP + "r = np.arange(2, 11, 3)", "(3,)"),
    (NP + "r = np.eye(4)", "(4, 4)"),
    (NP + "r = np.linspace(0, 1)", "(50,)"),
    (NP + "r = np.random.normal(0, 1, size=(3, 2))", "(3, 2)"),
    (TORCH + "r = torch.zeros(2, 3)", "(2, 3)"),
    (TORCH + "r = torch.randn((2, 3))", "(2, 3)"),
    (TORCH + "r = torch.randn(size=(2, 3))", "(2, 3)"),
    (TORCH + "x = torch.ones(4, 2)\nr = torch.randn_like(x)", "(4, 2)"),
    (TORCH + "r = torch.randint(0, 10, (5, 7))", "(5, 7)"),
    (TORCH + "r = torch.tensor([[1.0, 2.0]])", "(1, 2)"),
    (TF + "r = tf.constant([[1, 2], [3, 4], [5, 6]])", "(3, 2)"),
    (TF + "r = tf.random.normal([8, 16])", "(8, 16)"),
    (K + "r = K.ones((2, 3, 4))", "(2, 3, 4)"),
    (JNP + "r = jnp.ones((3, 4))", "(3, 4)"),
    # products
    (NP + "r = np.ones((2, 3)) @ np.ones((3, 4))", "(2, 4)"),
    (NP + "r = np.dot(np.ones((2, 3, 4)), np.ones((5, 4, 6)))", "(2, 3, 5, 6)"),
    (NP + "r = np.ones(3) @ np.ones((3, 4))", "(4,)"),
    (NP + "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=1)", "(2, 4)"),
    (NP + "r = np.einsum('bij,bjk->bik', np.ones((5, 2, 3)), np.ones((5, 3, 4)))", "(5, 2, 4)"),
    (TORCH + "r = torch.bmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4))", "(5, 2, 4)"),
    (TORCH + "r = torch.ones(2, 3).t()", "(3, 2)"),
    (TORCH + "r = torch.ones(2, 3, 4).mT", "(2, 4, 3)"),
    (TF + "r = tf.matmul(tf.ones((2, 3)), tf.ones((4, 3)), transpose_b=True)", "(2, 4)"),
    (K + "r = K.batch_dot(K.ones((8, 3, 4)), K.ones((8, 4, 5)), axes=(2, 1))", "(8, 3, 5)"),
    (K + "r = K.dot(K.ones((2, 3, 4)), K.ones((7, 4, 5)))", "(2, 3, 7, 5)"),
    # shape manipulation
    (TORCH + "r = torch.ones(2, 3, 4).view(-1, 4)", "(6, 4)"),
    (TORCH + "r = torch.ones(2, 3, 4).permute(2, 0, 1)", "(4, 2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4).transpose(0, 2)", "(4, 3, 2)"),
    (TORCH + "r = torch.ones(2, 3).unsqueeze(1)", "(2, 1, 3)"),
    (TORCH + "r = torch.ones(2, 1, 3).squeeze()", "(2, 3)"),
    (TORCH + "r = torch.ones(2, 3).squeeze(0)", "(2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4).sum(dim=1)", "(2, 4)"),
    (TORCH + "r = torch.ones(2, 3, 4).mean(-1, keepdim=True)", "(2, 3, 1)"),
    (TORCH + "r, idx = torch.ones(2, 3).max(dim=1)", "(2,)"),
    (TORCH + "r = torch.cat([torch.ones(2, 3), torch.ones(5, 3)])", "(7, 3)"),
    (TORCH + "r = torch.stack([torch.ones(2, 3), torch.ones(2, 3)], dim=1)", "(2, 2, 3)"),
    (TORCH + "r = torch.ones(2, 3, 4, 5).flatten(1)", "(2, 60)"),
    (TORCH + "r = torch.ones(2, 1, 4).expand(2, 3, 4)", "(2, 3, 4)"),
    (TORCH + "r = torch.ones(2, 3).repeat(2, 1, 2)", "(2, 2, 6)"),
    (TORCH + "a, b = torch.ones(6, 4).chunk(2, dim=0)\nr = a", "(?, 4)"),
    (NP + "r = np.ones((2, 3, 4)).transpose()", "(4, 3, 2)"),
    (NP + "r = np.ones((2, 3))[:, None, 1:]", "(2, 1, 2)"),
    (NP + "r = np.ones((2, 3, 4))[..., 0]", "(2, 3)"),
    (NP + "r = np.ones((2, 3)).sum(axis=(0, 1), keepdims=True)", "(1, 1)"),
    (NP + "r = np.expand_dims(np.ones(3), axis=(0, 2))", "(1, 3, 1)"),
    (NP + "r = np.concatenate([np.ones((2, 3)), np.ones((2, 4))], axis=1)", "(2, 7)"),
    (NP + "r = np.vstack([np.ones(3), np.ones(3)])", "(2, 3)"),
    (TF + "r = tf.reduce_mean(tf.ones((4, 5, 6)), axis=[1, 2])", "(4,)"),
    (TF + "r = tf.transpose(tf.ones((2, 3, 4)), perm=[0, 2, 1])", "(2, 4, 3)"),
    (TF + "r = tf.expand_dims(tf.ones((2, 3)), -1)", "(2, 3, 1)"),
    (TF + "r = tf.concat([tf.ones((2, 3)), tf.ones((2, 3))], axis=0)", "(4, 3)"),
    # layers
    (TORCH + "r = nn.Linear(10, 4)(torch.ones(8, 10))", "(8, 4)"),
    (
        TORCH + "r = nn.Conv2d(3, 16, 3, stride=2, padding=1)(torch.ones(1, 3, 32, 32))",
        "(1, 16, 16, 16)",
    ),
    (TORCH + "r = nn.MaxPool2d(2)(torch.ones(1, 3, 9, 9))", "(1, 3, 4, 4)"),
    (TORCH + "r = nn.AdaptiveAvgPool2d((1, 1))(torch.ones(2, 8, 7, 7))", "(2, 8, 1, 1)"),
    (TORCH + "r = nn.Embedding(100, 16)(torch.ones(4, 9))", "(4, 9, 16)"),
    (
        TORCH + "r, h = nn.GRU(8, 16, batch_first=True, bidirectional=True)(torch.ones(4, 5, 8))",
        "(4, 5, 32)",
    ),
    (TORCH + "r = nn.ConvTranspose2d(8, 4, 2, stride=2)(torch.ones(1, 8, 5, 5))", "(1, 4, 10, 10)"),
    (
        TORCH + "r = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))(torch.ones(3, 4))",
        "(3, 2)",
    ),
    (TORCH + "r = nn.Linear(4, 8).weight", "(8, 4)"),
    (TORCH + "r = F.linear(torch.ones(3, 4), torch.ones(6, 4))", "(3, 6)"),
    (TF + "r = layers.Dense(5)(keras.Input(shape=(3,)))", "(?, 5)"),
    (
        TF + "r = layers.Conv2D(8, 3, padding='same', strides=2)(keras.Input(shape=(32, 32, 3)))",
        "(?, 16, 16, 8)",
    ),
    (TF + "r = layers.LSTM(7, return_sequences=True)(keras.Input(shape=(10, 4)))", "(?, 10, 7)"),
    (TF + "r = layers.Flatten()(keras.Input(shape=(4, 5)))", "(?, 20)"),
    (TF + "r = layers.Embedding(50, 8)(keras.Input(shape=(12,)))", "(?, 12, 8)"),
    (
        TF
        + "m = keras.Sequential()\nm.add(layers.Dense(4))\nm.add(layers.Dense(2))\n"
        + "r = m(tf.ones((3, 7)))",
        "(3, 2)",
    ),
    # declarations and reads
    (TORCH + "x = torch.load('x.pt')\nB, T, F = x.shape\nr = x", "(B, T, F)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.shape == (4, 5)\nr = x", "(4, 5)"),
    (TORCH + "x = torch.load('x.pt')  # shape: (B, 16)\nr = x.view(-1, 4)", "(4*B, 4)"),
    (TORCH + "x = torch.load('x.pt')\nassert x.ndim == 3\nr = x", "(?, ?, ?)"),
    # control flow
    (
        NP + "import sys\nif sys.argv:\n    r = np.ones((2, 3))\nelse:\n    r = np.ones((5, 3))",
        "(?, 3)",
    ),
    (NP + "r = np.ones((2, 3))\nfor _ in range(3):\n    r = np.concatenate([r, r])", "(16, 3)"),
    (
        NP + "import sys\nr = np.ones((2, 3))\nfor _ in sys.argv:\n    r = np.concatenate([r, r])",
        "(?, 3)",
    ),
    (NP + "n = 0\nif n > 0:\n    r = np.ones(3)\nelse:\n    r = np.ones(4)", "(4,)"),
    (NP + "def f(a):\n    return a.T\nr = f(np.ones((2, 5)))", "(5, 2)"),
    (NP + "r = np.stack([np.ones(4) for _ in range(3)])", "(3, 4)"),
    (NP + "import sys\nr = np.stack([np.ones(4) for _ in sys.argv])", "(?, 4)"),
    (NP + "cfg = {'d': 16}\ncfg['h'] = 4\nr = np.ones((cfg['d'], cfg['h']))", "(16, 4)"),
    (NP + "import math\nr = np.ones((2, 16)) * (16 ** -0.5) / math.sqrt(2)", "(2, 16)"),
    (NP + "xs = []\nfor i in range(3):\n    xs.append(np.ones(i + 1))\nr = xs[2]", "(3,)"),
    (NP + "d = dict(a=2, b=3)\nr = np.zeros(tuple(d.values()))", "(2, 3)"),
    # unknown stays unknown
    (NP + "r = np.load('data.npy')", None),
    (NP + "r = np.load('data.npy') @ np.ones((3, 2))", "(…, 2)"),
    (TORCH + "r = torch.ones(2, 3).some_unknown_method()", None),
    # einops
    (
        "import torch\nfrom einops import rearrange\n"
        "r = rearrange(torch.ones(2, 3, 4, 6), 'b c h (w p) -> b (c h) w p', p=2)",
        "(2, 12, 3, 2)",
    ),
    (
        "import torch\nfrom einops import repeat\n"
        "r = repeat(torch.ones(3, 4), 'h w -> b h w', b=5)",
        "(5, 3, 4)",
    ),
]


def infer(source: str, name: str = "r") -> str | None:
    interpreter = Interpreter(libcst.parse_module(source))
    interpreter.run()
    value = interpreter.scopes[0].get(name)
    if isinstance(value, Tensor):
        return str(value.shape)
    if isinstance(value, IntValue):
        return str(value.dim)
    return None


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
