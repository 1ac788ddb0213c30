# source: https://github.com/pytorch/pytorch/issues/19699
# MSELoss of a (N, 1) prediction against a (N,) target gives a different value than
# against (N, 1): the two are broadcast to (N, N).
import torch


def evaluate(predictions, targets):
    criterion = torch.nn.MSELoss()
    return criterion(predictions, targets)


a = torch.randn(100, 1)
b = torch.randn(100)
score = evaluate(a, b.reshape(-1, 1))
