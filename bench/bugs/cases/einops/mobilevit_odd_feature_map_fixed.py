# source: https://github.com/chinhsuanwu/mobilevit-pytorch/issues/8
# The answer: pad or resize so every feature map divides by the 2x2 patch; images whose
# side is a multiple of 32 (here 32 -> a 16x16 map after the stride-2 stem) unfold cleanly.
import torch
import torch.nn as nn
from einops import rearrange


def conv_1x1_bn(inp, oup):
    return nn.Sequential(nn.Conv2d(inp, oup, 1, 1, 0, bias=False), nn.BatchNorm2d(oup), nn.SiLU())


def conv_nxn_bn(inp, oup, kernal_size=3, stride=1):
    return nn.Sequential(nn.Conv2d(inp, oup, kernal_size, stride, 1, bias=False), nn.BatchNorm2d(oup), nn.SiLU())


class Attention(nn.Module):
    def __init__(self, dim, heads=4, dim_head=8):
        super().__init__()
        inner_dim = dim_head * heads
        self.heads = heads
        self.scale = dim_head**-0.5
        self.to_qkv = nn.Linear(dim, inner_dim * 3, bias=False)
        self.to_out = nn.Linear(inner_dim, dim)

    def forward(self, x):
        qkv = self.to_qkv(x).chunk(3, dim=-1)
        q, k, v = map(lambda t: rearrange(t, "b p n (h d) -> b p h n d", h=self.heads), qkv)
        dots = torch.matmul(q, k.transpose(-1, -2)) * self.scale
        out = torch.matmul(dots.softmax(dim=-1), v)
        out = rearrange(out, "b p h n d -> b p n (h d)")
        return self.to_out(out)


class MobileViTBlock(nn.Module):
    def __init__(self, dim, channel, kernel_size, patch_size):
        super().__init__()
        self.ph, self.pw = patch_size
        self.conv1 = conv_nxn_bn(channel, channel, kernel_size)
        self.conv2 = conv_1x1_bn(channel, dim)
        self.attn = Attention(dim)
        self.conv3 = conv_1x1_bn(dim, channel)
        self.conv4 = conv_nxn_bn(2 * channel, channel, kernel_size)

    def forward(self, x):
        y = x.clone()
        x = self.conv1(x)
        x = self.conv2(x)
        _, _, h, w = x.shape
        x = rearrange(x, "b d (h ph) (w pw) -> b (ph pw) (h w) d", ph=self.ph, pw=self.pw)
        x = self.attn(x) + x
        x = rearrange(x, "b (ph pw) (h w) d -> b d (h ph) (w pw)", h=h // self.ph, w=w // self.pw, ph=self.ph, pw=self.pw)
        x = self.conv3(x)
        x = torch.cat((x, y), 1)
        return self.conv4(x)


backbone = conv_nxn_bn(3, 16, stride=2)
block = MobileViTBlock(dim=24, channel=16, kernel_size=3, patch_size=(2, 2))
images = torch.randn(2, 3, 32, 32)
features = backbone(images)
out = block(features)
