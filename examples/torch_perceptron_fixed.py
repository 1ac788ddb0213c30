"""The single neuron, written correctly: shapelint stays silent."""

import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn((5, 1))
bias = torch.randn((1, 1))

output = activation(torch.mm(features, weights) + bias)
output = activation(features @ weights + bias)
total = activation(torch.sum(features * weights.t()) + bias)
