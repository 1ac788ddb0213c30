# source: https://github.com/Wan-Video/Wan2.2/issues/151
# The adapter splits the token axis into T_comp temporal chunks, but the token count is
# not a multiple of T_comp.
import torch
from einops import rearrange


def fuse(q, motion, t_comp):
    q = rearrange(q, "B (L S) H D -> (B L) S H D", L=t_comp)  # expect[SHP001]
    return q + motion


q = torch.randn(1, 50, 2, 8)
motion = torch.randn(1, 1, 2, 8)
out = fuse(q, motion, t_comp=3)
