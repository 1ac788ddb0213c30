# source: https://github.com/935963004/LaBraM/issues/12
# The maintainer's answer: give the input its batch axis, (1, 23, 2000).
import torch
from einops import rearrange
from torch import nn


class PatchEmbed(nn.Module):
    def __init__(self, patch_size=200, dim=64):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(patch_size, dim)

    def forward(self, x):
        x = rearrange(x, "B N (A T) -> B N A T", T=self.patch_size)
        return self.proj(x)


embed = PatchEmbed()
recording = torch.randn(23, 2000)
tokens = embed(recording.unsqueeze(0))
