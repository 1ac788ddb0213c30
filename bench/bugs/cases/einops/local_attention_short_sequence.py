# source: https://github.com/lucidrains/local-attention/issues/21
# Local attention splits the sequence into windows of window_size tokens and asserts the
# length divides; a sequence of 2 tokens with window_size=8 fails "sequence length 2
# must be divisible by window size 8 for local attention" (autopad is off).
import torch
import torch.nn.functional as F
from einops import rearrange
from torch import nn


def pad_to_multiple(tensor, multiple, dim=-1, value=0):
    seqlen = tensor.shape[dim]
    remainder = seqlen % multiple
    if remainder == 0:
        return tensor
    pad_offset = (0,) * (-1 - dim) * 2
    return F.pad(tensor, (*pad_offset, 0, multiple - remainder), value=value)


def look_around(x, backward=1, pad_value=-1):
    t = x.shape[1]
    padded_x = F.pad(x, (0, 0, 0, 0, backward, 0), value=pad_value)
    tensors = [padded_x[:, ind : (ind + t), ...] for ind in range(backward + 1)]
    return torch.cat(tensors, dim=2)


class LocalAttention(nn.Module):
    def __init__(self, window_size, look_backward=1, autopad=False):
        super().__init__()
        self.window_size = window_size
        self.look_backward = look_backward
        self.autopad = autopad

    def forward(self, q, k, v):
        if self.autopad:
            orig_t = q.shape[1]
            q, k, v = map(lambda t: pad_to_multiple(t, self.window_size, dim=-2), (q, k, v))
        window_size = self.window_size
        b, n, dim_head = q.shape
        assert (n % window_size) == 0, f"sequence length {n} must be divisible by window size {window_size} for local attention"  # expect[SHP005]
        windows = n // window_size
        bq, bk, bv = map(lambda t: rearrange(t, "b (w n) d -> b w n d", w=windows), (q, k, v))
        bk = look_around(bk, backward=self.look_backward, pad_value=0.0)
        bv = look_around(bv, backward=self.look_backward, pad_value=0.0)
        sim = torch.einsum("b h i e, b h j e -> b h i j", bq, bk) * dim_head**-0.5
        out = torch.einsum("b h i j, b h j e -> b h i e", sim.softmax(dim=-1), bv)
        out = rearrange(out, "b w n d -> b (w n) d")
        if self.autopad:
            out = out[:, :orig_t, :]
        return out


class Predictor(nn.Module):
    def __init__(self, input_dim, dim=16, window_size=8, autopad=False):
        super().__init__()
        self.to_qkv = nn.Linear(input_dim, dim * 3, bias=False)
        self.local_attn = LocalAttention(window_size=window_size, autopad=autopad)
        self.to_out = nn.Linear(dim, 1)

    def forward(self, src):
        q, k, v = self.to_qkv(src).chunk(3, dim=-1)
        return self.to_out(self.local_attn(q, k, v).mean(dim=1))


model = Predictor(input_dim=4)
src = torch.randn(3, 2, 4)
pred = model(src)
