# source: https://github.com/openai/CLIP/issues/189
# CIFAR-100 images reach CLIP's ViT-B/32 image encoder at 32x32 instead of the 224x224 its
# preprocessing produces: the 32-pixel patches give one token plus the class token, and
# adding the 50 positional embeddings fails ("size of tensor a (2) must match the size of
# tensor b (50) at non-singleton dimension 1").
import torch
from torch import nn


class VisionTransformer(nn.Module):
    def __init__(self, input_resolution=224, patch_size=32, width=16, output_dim=8):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        scale = width**-0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((input_resolution // patch_size) ** 2 + 1, width))
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def forward(self, x):
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1)
        x = x.permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype)
        x = torch.cat([cls, x], dim=1)
        x = x + self.positional_embedding.to(x.dtype)  # expect[SHP001]
        return self.ln_post(x[:, 0, :]) @ self.proj


visual = VisionTransformer()
input_tensor = torch.rand(4, 3, 32, 32)
image_features = visual(input_tensor)
