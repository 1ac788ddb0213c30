# source: https://github.com/microsoft/Swin-Transformer/issues/202
# Swin with 112x112 images and patch size 4: 28x28 tokens, halved by each patch merging
# to 14 and then 7, and the third merging asserts an even size ("x size (7*7) are not
# even").
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
        assert H % 2 == 0 and W % 2 == 0, f"x size ({H}*{W}) are not even."  # expect[SHP005]
        x = x.view(B, H, W, C)
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], -1)
        return self.reduction(x.view(B, -1, 4 * C))


img_size, patch_size, dim = 112, 4, 8
side = img_size // patch_size
tokens = torch.randn(2, side * side, dim)
for stage in range(3):
    tokens = PatchMerging((side, side), dim)(tokens)
    side, dim = side // 2, dim * 2
