# source: https://github.com/pytorch/pytorch/issues/5007
# The same loss with the target brought to (batch, frames, mels) first.
import torch
from torch import nn

criterion = nn.L1Loss()
decoded = torch.ones(4, 50, 8)
target = torch.zeros(4, 8, 50)
loss = criterion(decoded, target.transpose(1, 2))
