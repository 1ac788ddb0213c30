# source: https://github.com/282857341/nnFormer/issues/7
# A 3-D Swin block is built for the resolution of one crop size while the volumes come
# in at another, so the token count does not match S*H*W ("input feature has wrong
# size").
import torch
from torch import nn


class SwinBlock3D(nn.Module):
    def __init__(self, dim, input_resolution):
        super().__init__()
        self.input_resolution = input_resolution
        self.norm = nn.LayerNorm(dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, x):
        S, H, W = self.input_resolution
        B, L, C = x.shape
        assert L == S * H * W, "input feature has wrong size"  # expect[SHP005]
        return x + self.mlp(self.norm(x))


block = SwinBlock3D(16, input_resolution=(4, 10, 10))
volume_tokens = torch.randn(2, 4 * 14 * 14, 16)
out = block(volume_tokens)
