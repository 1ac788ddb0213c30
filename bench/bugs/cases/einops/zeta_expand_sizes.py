# source: https://github.com/kyegomez/zeta/issues/407
# The expand() example: "b (c h) (w f) -> ..." with c=4 and h=25 implies an axis of 100,
# but the tensor's second axis is 50.
import torch
from einops import rearrange


def expand(tensor, pattern, **new_dims):
    return rearrange(tensor, pattern, **new_dims)  # expect[SHP001]


x = torch.randn(2, 50, 64)
y = expand(x, "b (c h) (w f) -> b c h w f", c=4, h=25, w=8, f=8)
