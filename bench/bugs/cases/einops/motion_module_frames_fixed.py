# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/563
# The temporal attention folds (b f) with video_length=16, but a single image (batch 1)
# reaches it: an axis of length 1 cannot be divided in chunks of 16.
import torch
from einops import rearrange
from torch import nn


class TemporalAttention(nn.Module):
    def __init__(self, dim, video_length):
        super().__init__()
        self.video_length = video_length
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        tokens = x.shape[1]
        x = rearrange(x, "(b f) d c -> (b d) f c", f=self.video_length)
        x = self.proj(x)
        return rearrange(x, "(b d) f c -> (b f) d c", d=tokens)


block = TemporalAttention(32, video_length=16)
hidden_states = torch.randn(16, 64, 32)
hidden_states = block(hidden_states)
