# source: https://github.com/guoyww/AnimateDiff/issues/204
# A motion-module hook regroups (batch frames) before the group norm, but another
# extension already handed it the 5-D (b, c, f, h, w) tensor: "Expected 4 dimensions, got 5".
import torch
from einops import rearrange
from torch import nn

norm = nn.GroupNorm(8, 32)


def groupnorm_mm_forward(x, batch=2):
    x = rearrange(x, "(b f) c h w -> b c f h w", b=batch)  # expect[SHP001]
    x = norm(x)
    return rearrange(x, "b c f h w -> (b f) c h w")


hidden = torch.randn(2, 32, 4, 8, 8)
out = groupnorm_mm_forward(hidden)
