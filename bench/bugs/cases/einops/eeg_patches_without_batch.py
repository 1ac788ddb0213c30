# source: https://github.com/935963004/LaBraM/issues/12
# An EEG transformer cuts each channel's signal into patches with "B N (A T) -> B N A T",
# but one recording was fed without its batch axis, (channels, time points): "expected 3
# dims. Received 2-dim tensor".
import torch
from einops import rearrange
from torch import nn


class PatchEmbed(nn.Module):
    def __init__(self, patch_size=200, dim=64):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(patch_size, dim)

    def forward(self, x):
        x = rearrange(x, "B N (A T) -> B N A T", T=self.patch_size)  # expect[SHP001]
        return self.proj(x)


embed = PatchEmbed()
recording = torch.randn(23, 2000)
tokens = embed(recording)
