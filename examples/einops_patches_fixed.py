"""Patch embedding with einops, correct: shapelint stays silent."""

import torch
from einops import rearrange, reduce

images = torch.randn(8, 3, 32, 32)
patches = rearrange(images, "b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=4, p2=4)
pooled = reduce(images, "b c h w -> b c", "mean")
embedded = torch.nn.Linear(48, 128)(patches)
