# source: https://github.com/udacity/deep-learning-v2-pytorch/blob/master/intro-to-pytorch/Part%201%20-%20Tensors%20in%20PyTorch%20(Exercises).ipynb
# As the notebook's multi-layer part does: the weight is (n_input, n_output), sized from
# the number of input features, so torch.mm(features, weights) is (1, 5) @ (5, 1).
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
n_input = features.shape[1]
n_output = 1
weights = torch.randn(n_input, n_output)
bias = torch.randn((1, 1))
output = activation(torch.mm(features, weights) + bias)
