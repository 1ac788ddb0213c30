# source: https://github.com/lucidrains/lightweight-gan/issues/12
# The block is applied after the first convolution, whose 8 channels split into 2 groups.
import torch
from einops import rearrange
from torch import nn


class GroupedChannels(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        grouped = rearrange(x, "b (g c) h w -> b g c h w", g=self.groups)
        return grouped.mean(dim=2)


stem = nn.Conv2d(3, 8, kernel_size=3, padding=1)
block = GroupedChannels(groups=2)
images = torch.randn(4, 3, 16, 16)
pooled = block(stem(images))
