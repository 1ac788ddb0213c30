# source: https://github.com/pytorch/pytorch/issues/4938
# Output viewed as (2, 1) and target as (2, 1, 1, 1): the squared error broadcasts to
# (2, 1, 2, 1) and averages over pairs that should never meet.
import torch

output = torch.tensor([1.0, 2.0], requires_grad=True)
target = torch.tensor([0.0, 1.0])
train_loss = ((output.view(2, 1) - target.view(2, 1, 1, 1)) ** 2).mean()  # expect[SHP006]
