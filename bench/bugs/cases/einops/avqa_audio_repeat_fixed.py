# source: https://github.com/GenjiB/LAVISH/issues/12
# The AVQA net repeats audio features with "b t len dim -> b t c len dim", but the
# VGGish features loaded are (batch, t, 128): 3 dims where the pattern expects 4.
import torch
from einops import repeat
from torch import nn


class AVQANet(nn.Module):
    def __init__(self):
        super().__init__()
        self.audio_proj = nn.Linear(128, 64)

    def forward(self, audio):
        audio = repeat(audio, "b t len dim -> b t c len dim", c=3)
        return self.audio_proj(audio)


net = AVQANet()
audio = torch.randn(4, 10, 2, 128)
out = net(audio)
