# source: https://github.com/myscience/x-lstm/pull/6
# The xLSTM cell splits its hidden state into heads with "b (h d) -> b h d"; a squeeze
# meant for the time axis also drops the batch axis when the batch holds one sequence,
# leaving a 1-D (32,) tensor ("expected 2 dims. Received 1-dim tensor").
import torch
from einops import rearrange


def split_heads(hidden, heads=4):
    return rearrange(hidden, "b (h d) -> b h d", h=heads)  # expect[SHP001]


step_output = torch.randn(1, 1, 32)
hidden = step_output.squeeze()
per_head = split_heads(hidden)
