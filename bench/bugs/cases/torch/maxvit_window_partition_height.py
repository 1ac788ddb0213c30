# source: https://github.com/SLDGroup/G-CASCADE/issues/3
# The first MaxViT backbone of MERIT-GCASCADE partitions its feature maps into 8x8
# windows and asserts the height divides; resized to 224x224 instead of the 256x256 it
# expects, the map is 28 high: "height (28) must be divisible by window (8)".
from typing import List

import torch
import torch.nn.functional as F
from torch import _assert, nn


def window_partition(x, window_size: List[int]):
    B, H, W, C = x.shape
    _assert(H % window_size[0] == 0, f"height ({H}) must be divisible by window ({window_size[0]})")  # expect[SHP005]
    _assert(W % window_size[1] == 0, "")
    x = x.view(B, H // window_size[0], window_size[0], W // window_size[1], window_size[1], C)
    windows = x.permute(0, 1, 3, 2, 4, 5).contiguous().view(-1, window_size[0], window_size[1], C)
    return windows


class PartitionAttention(nn.Module):
    def __init__(self, dim, window_size=(8, 8)):
        super().__init__()
        self.window_size = list(window_size)
        self.qkv = nn.Linear(dim, dim * 3)

    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        windows = window_partition(x, self.window_size)
        windows = windows.view(-1, self.window_size[0] * self.window_size[1], windows.shape[-1])
        q, k, v = self.qkv(windows).chunk(3, dim=-1)
        attn = (q @ k.transpose(-2, -1)) * q.shape[-1] ** -0.5
        return attn.softmax(dim=-1) @ v


class MaxViTBackbone(nn.Module):
    def __init__(self, dim=16, window_size=(8, 8)):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, kernel_size=8, stride=8)
        self.attn = PartitionAttention(dim, window_size)

    def forward(self, x):
        return self.attn(self.stem(x))


class MERIT_GCASCADE(nn.Module):
    def __init__(self, img_size_s1=(256, 256), interpolation="bilinear"):
        super().__init__()
        self.img_size_s1 = img_size_s1
        self.interpolation = interpolation
        self.backbone1 = MaxViTBackbone(window_size=(8, 8))

    def forward(self, x):
        if x.size()[1] == 1:
            x = x.repeat(1, 3, 1, 1)
        return self.backbone1(F.interpolate(x, size=self.img_size_s1, mode=self.interpolation))


model = MERIT_GCASCADE(img_size_s1=(224, 224))
images = torch.randn(1, 1, 224, 224)
features = model(images)
