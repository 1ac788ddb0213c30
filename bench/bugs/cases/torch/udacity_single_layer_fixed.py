# source: https://whosebug.com/question/3991430/Matrix-multiplication-in-pyTorch
# The fix: a weight of shape (n_input, n_output).
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn((5, 1))
bias = torch.randn((1, 1))
yy = activation(torch.mm(features, weights) + bias)
