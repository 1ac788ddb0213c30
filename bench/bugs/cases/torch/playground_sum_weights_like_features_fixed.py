# source: https://github.com/xta0/Python-Playground/blob/master/pytorch/intro/intro.py
# The fix: one weight per input feature as a (5, 1) column, applied with a matrix product
# that gives one output per sample whatever the batch size.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn((features.shape[1], 1))
bias = torch.randn((1, 1))

mm_result = activation(bias + torch.mm(features, weights))
