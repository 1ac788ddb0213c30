# source: https://github.com/pytorch/pytorch/issues/4938
# Both sides viewed the same way: one squared error per element.
import torch

output = torch.tensor([1.0, 2.0], requires_grad=True)
target = torch.tensor([0.0, 1.0])
train_loss = ((output.view(2, 1) - target.view(2, 1)) ** 2).mean()
