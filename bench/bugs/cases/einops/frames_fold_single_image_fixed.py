# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/486
# The module given the 16 frames it folds: a batch of 16 latent frames.
import torch
from einops import rearrange
from torch import nn


class TemporalAttention(nn.Module):
    def __init__(self, dim, video_length):
        super().__init__()
        self.video_length = video_length
        self.attn = nn.MultiheadAttention(dim, num_heads=4, batch_first=True)

    def forward(self, x):
        d = x.shape[1]
        x = rearrange(x, "(b f) d c -> (b d) f c", f=self.video_length)
        x, _ = self.attn(x, x, x)
        return rearrange(x, "(b d) f c -> (b f) d c", d=d)


module = TemporalAttention(32, video_length=16)
hidden = torch.randn(16, 64, 32)
out = module(hidden)
