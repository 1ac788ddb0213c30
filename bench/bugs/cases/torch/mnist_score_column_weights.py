# source: https://forums.fast.ai/t/chapter-4-why-are-the-mnist-weights-a-rank-2-tensor-instead-of-a-rank-1-tensor/85897
# fastbook chapter 4 scores an image as (x * w).sum() + b, but init_params((28*28, 1)) makes
# the weights a [784, 1] column while an image is a flat [784] vector: without the transpose
# the product is [784, 784], every pixel times every weight, and the sum is not the
# linear score.
import torch


def init_params(size, std=1.0):
    return (torch.randn(size) * std).requires_grad_()


train_x = torch.rand(64, 28 * 28)
weights = init_params((28 * 28, 1))
bias = init_params(1)
pred = (train_x[0] * weights).sum() + bias  # expect[SHP002]
pred.backward()
