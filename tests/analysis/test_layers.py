"""What the interpreter infers, snippet by snippet.

Layer kinds, torch and keras (analysis/layers, layers_torch, layers_keras)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import TF, TORCH, infer

CASES = [
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
]


@pytest.mark.parametrize(
    ("source", "shape"), CASES, ids=[c[0].splitlines()[-1][:60] for c in CASES]
)
def test_inferred_shape(source: str, shape: str | None) -> None:
    assert infer(source) == shape
