"""Shape comments and asserts that hold: shapelint stays silent."""

import torch

hidden = torch.zeros(16, 128)  # shape: (16, 128)
tokens = torch.zeros(16, 10, dtype=torch.long)  # shape: (B, T)
batch = torch.randn(16, 3, 32, 32)
assert batch.shape == (16, 3, 32, 32)
