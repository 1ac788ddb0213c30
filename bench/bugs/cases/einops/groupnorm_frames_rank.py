# source: https://github.com/hotshotco/Hotshot-XL/issues/42
# A group-norm hook folds frames back with "(b f) c h w -> b c f h w", but it receives a
# tensor that is already 5-D.
import torch
from einops import rearrange
from torch import nn


def groupnorm_mm_forward(norm, x, batch=2):
    x = rearrange(x, "(b f) c h w -> b c f h w", b=batch)  # expect[SHP001]
    x = norm(x)
    return rearrange(x, "b c f h w -> (b f) c h w")


norm = nn.GroupNorm(4, 16)
hidden = torch.randn(2, 16, 3, 8, 8)
result = groupnorm_mm_forward(norm, hidden)
