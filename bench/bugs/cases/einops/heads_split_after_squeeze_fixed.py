# source: https://github.com/myscience/x-lstm/pull/6
# The pull request's fix: squeeze only the time axis, so a batch of one keeps its axis.
import torch
from einops import rearrange


def split_heads(hidden, heads=4):
    return rearrange(hidden, "b (h d) -> b h d", h=heads)


step_output = torch.randn(1, 1, 32)
hidden = step_output.squeeze(1)
per_head = split_heads(hidden)
