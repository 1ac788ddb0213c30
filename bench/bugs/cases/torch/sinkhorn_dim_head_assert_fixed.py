# source: https://github.com/lucidrains/sinkhorn-transformer/pull/24
# The fix merged in the PR: the divisibility check applies only when dim_head is not given,
# since the heads then split dim; with dim_head=25 they project to 8 * 25 = 200 instead.
import torch
from torch import nn


def default(val, d):
    return d if val is None else val


class SelfAttention(nn.Module):
    def __init__(self, dim, heads=8, dim_head=None):
        super().__init__()
        assert dim_head or (dim % heads) == 0, f"dimension {dim} must be divisible by the number of heads {heads}"
        self.heads = heads
        self.dim_head = default(dim_head, dim // heads)
        dim_heads = self.dim_head * heads
        self.to_q = nn.Linear(dim, dim_heads, bias=False)
        self.to_kv = nn.Linear(dim, dim_heads * 2, bias=False)
        self.to_out = nn.Linear(dim_heads, dim)

    def forward(self, x):
        b, t, _ = x.shape
        h, d = self.heads, self.dim_head
        q = self.to_q(x)
        k, v = self.to_kv(x).chunk(2, dim=-1)
        q, k, v = (z.reshape(b, t, h, d).transpose(1, 2) for z in (q, k, v))
        dots = torch.einsum("bhie,bhje->bhij", q, k) * d**-0.5
        out = torch.einsum("bhij,bhje->bhie", dots.softmax(dim=-1), v)
        out = out.transpose(1, 2).reshape(b, t, h * d)
        return self.to_out(out)


class SinkhornTransformer(nn.Module):
    def __init__(self, dim, heads, depth, dim_head=None):
        super().__init__()
        self.layers = nn.ModuleList([SelfAttention(dim, heads, dim_head) for _ in range(depth)])

    def forward(self, x):
        for attn in self.layers:
            x = x + attn(x)
        return x


model = SinkhornTransformer(dim=1023, heads=8, depth=2, dim_head=25)
x = torch.randn(1, 16, 1023)
y = model(x)
