# source: https://github.com/AkankshaShrimal/Deep-Learning-Pytorch-Step-Wise-Learning
# The fix: a weight of shape (in_features, out_features) = (5, 1), independent of the
# batch, on the right of the input in the matrix product.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.rand((5, 1))
bias = torch.randn((1, 1))

y = activation(torch.mm(features, weights) + bias)
