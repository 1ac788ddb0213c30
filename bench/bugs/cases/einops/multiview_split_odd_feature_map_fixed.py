# source: https://github.com/qianyu-dlut/MVANet/issues/4
# The answer: the model was trained and tested at 1024x1024; resizing the input to that
# size makes the deepest map 32x32, which splits into the 2x2 grid of views.
import torch
import torch.nn.functional as F
from einops import rearrange
from torch import nn


class MVANetStem(nn.Module):
    def __init__(self, emb_dim=16):
        super().__init__()
        self.backbone = nn.Conv2d(3, emb_dim, kernel_size=32, stride=32)
        self.output = nn.Conv2d(emb_dim, 1, 1)

    def forward(self, x):
        shallow = self.backbone(x)
        glb = F.interpolate(shallow, scale_factor=0.5, mode="bilinear")
        loc = rearrange(shallow, "b c (hg h) (wg w) -> (hg wg b) c h w", hg=2, wg=2)
        loc = rearrange(loc, "(hg wg b) c h w -> b c (hg h) (wg w)", hg=2, wg=2)
        fused = loc + F.interpolate(glb, size=loc.shape[-2:], mode="bilinear")
        return torch.sigmoid(self.output(fused))


model = MVANetStem()
image = F.interpolate(torch.randn(1, 3, 864, 1280), size=(1024, 1024), mode="bilinear")
pred = model(image)
