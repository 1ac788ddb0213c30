# source: https://github.com/AkankshaShrimal/Deep-Learning-Pytorch-Step-Wise-Learning
# Study notes on the single-neuron exercise: the weights are made "of same shape as
# features" with rand_like, both (1, 5), so the matrix product of the two fails with
# "size mismatch, m1: [1 x 5], m2: [1 x 5]"; a weight maps 5 inputs to 1 output, (5, 1).
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.rand_like(features)
bias = torch.randn((1, 1))
y = activation(torch.sum(weights * features) + bias)
y = activation(torch.mm(weights, features) + bias)  # expect[SHP001, SHP003]
