# source: https://forums.fast.ai/t/chapter-4-why-are-the-mnist-weights-a-rank-2-tensor-instead-of-a-rank-1-tensor/85897
# As in the book: the [784, 1] weights are transposed to a [1, 784] row, so each pixel is
# multiplied by its own weight before the sum.
import torch


def init_params(size, std=1.0):
    return (torch.randn(size) * std).requires_grad_()


train_x = torch.rand(64, 28 * 28)
weights = init_params((28 * 28, 1))
bias = init_params(1)
pred = (train_x[0] * weights.T).sum() + bias
pred.backward()
