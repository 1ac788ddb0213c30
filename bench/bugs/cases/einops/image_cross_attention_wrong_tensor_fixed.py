# source: https://github.com/AILab-CVC/VideoCrafter/issues/38
# The fix from the thread: the image-prompt branch rearranges its own out_ip, which is
# still ((b h), n, d), and adds it to the text branch.
import torch
from einops import rearrange
from torch import einsum, nn


class CrossAttention(nn.Module):
    def __init__(self, query_dim, context_dim, heads=5, dim_head=8, text_context_len=7):
        super().__init__()
        inner_dim = dim_head * heads
        self.scale = dim_head**-0.5
        self.heads = heads
        self.text_context_len = text_context_len
        self.image_cross_attention_scale = 1.0
        self.to_q = nn.Linear(query_dim, inner_dim, bias=False)
        self.to_k = nn.Linear(context_dim, inner_dim, bias=False)
        self.to_v = nn.Linear(context_dim, inner_dim, bias=False)
        self.to_k_ip = nn.Linear(context_dim, inner_dim, bias=False)
        self.to_v_ip = nn.Linear(context_dim, inner_dim, bias=False)
        self.to_out = nn.Linear(inner_dim, query_dim)

    def forward(self, x, context):
        h = self.heads
        q = self.to_q(x)
        context, context_img = context[:, : self.text_context_len, :], context[:, self.text_context_len :, :]
        k = self.to_k(context)
        v = self.to_v(context)
        k_ip = self.to_k_ip(context_img)
        v_ip = self.to_v_ip(context_img)
        q, k, v = map(lambda t: rearrange(t, "b n (h d) -> (b h) n d", h=h), (q, k, v))
        sim = einsum("b i d, b j d -> b i j", q, k) * self.scale
        out = einsum("b i j, b j d -> b i d", sim.softmax(dim=-1), v)
        out = rearrange(out, "(b h) n d -> b n (h d)", h=h)
        k_ip, v_ip = map(lambda t: rearrange(t, "b n (h d) -> (b h) n d", h=h), (k_ip, v_ip))
        sim_ip = einsum("b i d, b j d -> b i j", q, k_ip) * self.scale
        out_ip = einsum("b i j, b j d -> b i d", sim_ip.softmax(dim=-1), v_ip)
        out_ip = rearrange(out_ip, "(b h) n d -> b n (h d)", h=h)
        out = out + self.image_cross_attention_scale * out_ip
        return self.to_out(out)


attn = CrossAttention(query_dim=32, context_dim=24)
frames = torch.randn(16, 40, 32)
context = torch.randn(16, 7 + 4, 24)
out = attn(frames, context)
