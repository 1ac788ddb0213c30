# source: https://github.com/guoyww/AnimateDiff/issues/204
# The hook given the (batch frames) c h w tensor it regroups.
import torch
from einops import rearrange
from torch import nn

norm = nn.GroupNorm(8, 32)


def groupnorm_mm_forward(x, batch=2):
    x = rearrange(x, "(b f) c h w -> b c f h w", b=batch)
    x = norm(x)
    return rearrange(x, "b c f h w -> (b f) c h w")


hidden = torch.randn(2 * 4, 32, 8, 8)
out = groupnorm_mm_forward(hidden)
