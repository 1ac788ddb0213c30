"""A single neuron, as in the PyTorch introduction lesson, with the classic slips.

The expected findings are marked at the end of their lines.
"""

import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn_like(features)  # SHP003: 11
bias = torch.randn((1, 1))

# Meant a matrix product: broadcasting builds a (5, 5) outer product instead.
output = activation(features.t() * weights + bias)  # SHP002: 21

# Raises: (1, 5) @ (1, 5).
output = activation(torch.mm(features, weights) + bias)  # SHP001: 21
