# source: https://whosebug.com/question/3991430/Matrix-multiplication-in-pyTorch
# The single-layer network of the PyTorch intro: features and weights are both (1, 5)
# because the weights are drawn like the features, and the matrix product then needs a
# view of the weights as (5, 1); the weight's shape is tied to the input's.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn_like(features)
bias = torch.randn((1, 1))
yy = activation(torch.mm(features, weights.view(5, 1)) + bias)  # expect[SHP003]
