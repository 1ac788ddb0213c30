# source: https://github.com/udacity/deep-learning-v2-pytorch/blob/master/intro-to-pytorch/Part%201%20-%20Tensors%20in%20PyTorch%20(Exercises).ipynb
# The PyTorch intro draws the weights with randn_like(features): "Both features and
# weights have the same shape, (1, 5)", and torch.mm(features, weights) fails with
# "size mismatch, m1: [1 x 5], m2: [1 x 5]"; the elementwise sum before it only agrees
# with a weighted sum because the batch holds a single sample.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn_like(features)
bias = torch.randn((1, 1))
y = activation(torch.sum(features * weights) + bias)  # expect[SHP003]
output = activation(torch.mm(features, weights) + bias)  # expect[SHP001,SHP003]
