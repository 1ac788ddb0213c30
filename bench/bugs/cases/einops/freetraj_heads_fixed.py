# source: https://github.com/arthur-qiu/FreeTraj/issues/3
# Attention maps of (y x h) i j are unfolded with y=3 and h=5, but the leading axis (80)
# is not a multiple of 15.
import torch
from einops import rearrange

heads = 5
attn = torch.softmax(torch.randn(90, 6, 6), dim=-1)
attn = rearrange(attn, "(y x h) i j -> y x h i j", h=heads, y=3)
