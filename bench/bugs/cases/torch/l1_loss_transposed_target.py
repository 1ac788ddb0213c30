# source: https://github.com/pytorch/pytorch/issues/5007
# A spectrogram decoder's output is (batch, frames, mels) while the targets are stored
# (batch, mels, frames): an L1 loss between them. Old releases compared element counts
# only; today the shapes do not broadcast and the loss raises.
import torch
from torch import nn

criterion = nn.L1Loss()
decoded = torch.ones(4, 50, 8)
target = torch.zeros(4, 8, 50)
loss = criterion(decoded, target)  # expect[SHP001]
