"""Shape comments and asserts are declarations: shapelint checks them."""

import torch

hidden = torch.zeros(16, 128)  # shape: (16, 256)  # SHP005: 1
tokens = torch.zeros(16, 10, dtype=torch.long)  # shape: (16, 10  # SHP100: 1

batch = torch.randn(16, 3, 32, 32)
assert batch.shape == (16, 3, 28, 28)  # SHP005: 1
