# source: https://github.com/AkankshaShrimal/Deep-Learning-Pytorch-Step-Wise-Learning
# The notebook draws "weights created of same shape as features" with torch.rand_like:
# the elementwise sum is a weighted sum only because the batch has one sample,
# torch.mm(weights, features) fails ("size mismatch, m1: [1 x 5], m2: [1 x 5]"), and the
# reshaped product puts the weight on the left of the input.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.rand_like(features)
bias = torch.randn((1, 1))

y = activation(torch.sum(weights * features) + bias)  # expect[SHP003]
product = torch.mm(weights, features)  # expect[SHP001,SHP003]
y = activation(torch.mm(weights, features.view(5, 1)) + bias)  # expect[SHP003]
