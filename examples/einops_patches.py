"""Patch embedding with einops: the patch size must divide the image size."""

import torch
from einops import rearrange, reduce

images = torch.randn(8, 3, 32, 32)
patches = rearrange(images, "b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=5, p2=5)  # SHP001: 11
pooled = reduce(images, "b c h w -> b c", "mean")
tokens = rearrange(pooled, "b c h -> b h c")  # SHP001: 10
