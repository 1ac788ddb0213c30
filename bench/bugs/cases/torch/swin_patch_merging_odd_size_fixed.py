# source: https://github.com/microsoft/Swin-Transformer/issues/202
# 224x224 images: 56, 28, 14 tokens per side, even at every merging.
import torch
from torch import nn


class PatchMerging(nn.Module):
    def __init__(self, resolution, dim):
        super().__init__()
        self.resolution = resolution
        self.reduction = nn.Linear(4 * dim, 2 * dim, bias=False)

    def forward(self, x):
        H, W = self.resolution
        B, L, C = x.shape
        assert H % 2 == 0 and W % 2 == 0, f"x size ({H}*{W}) are not even."
        x = x.view(B, H, W, C)
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], -1)
        return self.reduction(x.view(B, -1, 4 * C))


img_size, patch_size, dim = 224, 4, 8
side = img_size // patch_size
tokens = torch.randn(2, side * side, dim)
for stage in range(3):
    tokens = PatchMerging((side, side), dim)(tokens)
    side, dim = side // 2, dim * 2
