# source: https://github.com/lucidrains/bottleneck-transformer-pytorch/issues/13
# The relative position attention is built for a configured fmap_size, but the images
# fed in give a larger feature map: the token axis no longer splits into (x y).
import torch
from einops import rearrange
from torch import nn


class RelPosAttention(nn.Module):
    def __init__(self, fmap_size, heads=4, dim_head=8):
        super().__init__()
        self.fmap_size = fmap_size
        self.heads = heads
        self.to_qkv = nn.Conv2d(heads * dim_head, heads * dim_head * 3, 1, bias=False)

    def forward(self, fmap):
        q, k, v = self.to_qkv(fmap).chunk(3, dim=1)
        q = rearrange(q, "b (h d) x y -> b h (x y) d", h=self.heads)
        x = y = self.fmap_size
        return rearrange(q, "b h (x y) d -> b h x y d", x=x, y=y)


config = {"fmap_size": 5, "heads": 4}
attn = RelPosAttention(config["fmap_size"], heads=config["heads"])
out = attn(torch.randn(2, 32, 5, 5))
