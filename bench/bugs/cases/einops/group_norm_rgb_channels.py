# source: https://github.com/lucidrains/lightweight-gan/issues/12
# A grouped channel block splits the channels into g=2 groups, but at the largest image
# size it is applied to the RGB input itself: 3 channels cannot make 2 groups.
import torch
from einops import rearrange
from torch import nn


class GroupedChannels(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        grouped = rearrange(x, "b (g c) h w -> b g c h w", g=self.groups)  # expect[SHP001]
        return grouped.mean(dim=2)


block = GroupedChannels(groups=2)
images = torch.randn(4, 3, 16, 16)
pooled = block(images)
