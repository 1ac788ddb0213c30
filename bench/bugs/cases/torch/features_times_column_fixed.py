# source: https://coderoad.ru/56388586/Pytorch-Результаты-умножения-вектора-отличаются-для-одного-и-того-же-ввода
# features * weights.view(5, 1) is not a product of the two vectors: (1, 5) times (5, 1)
# broadcasts into a (5, 5) outer product.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


features = torch.rand(1, 5)
weights = torch.Tensor([1, 2, 3, 4, 5])
bias = torch.randn((1, 1))
y = activation(torch.mm(features, weights.view(5, 1)) + bias)
