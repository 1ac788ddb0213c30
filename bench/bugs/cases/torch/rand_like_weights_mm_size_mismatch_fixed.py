# source: https://github.com/AkankshaShrimal/Deep-Learning-Pytorch-Step-Wise-Learning
# The weight drawn as a (5, 1) column that maps the 5 features to one output, so the
# matrix product is (1, 5) @ (5, 1) -> (1, 1) and does not depend on the input's shape.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.rand((5, 1))
bias = torch.randn((1, 1))
y = activation(torch.mm(features, weights) + bias)
