# source: https://github.com/LeapLabTHU/DAT/issues/22
# A discriminator splits its feature map into 7x7 windows, but the features are 32x32:
# "can't divide axis of length 32 in chunks of 7".
import torch
from einops import rearrange
from torch import nn


class WindowAttentionD(nn.Module):
    def __init__(self, dim, window_size=(7, 7)):
        super().__init__()
        self.window_size = window_size
        self.qkv = nn.Linear(dim, dim * 3)

    def forward(self, x):
        h1, w1 = self.window_size
        windows = rearrange(x, "b c (r1 h1) (r2 w1) -> b (r1 r2) (h1 w1) c", h1=h1, w1=w1)  # expect[SHP001]
        return self.qkv(windows)


disc = WindowAttentionD(96)
features = torch.randn(2, 96, 32, 32)
out = disc(features)
