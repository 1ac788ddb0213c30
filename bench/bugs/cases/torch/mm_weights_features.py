# source: https://github.com/AkankshaShrimal/Deep-Learning-Pytorch-Step-Wise-Learning
# weights created with the same shape as features: torch.mm(weights, features) gives
# "size mismatch, m1: [1 x 5], m2: [1 x 5]".
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.rand_like(features)
bias = torch.randn((1, 1))
y = activation(torch.mm(weights, features) + bias)  # expect[SHP001,SHP003]
