# source: https://github.com/qianyu-dlut/MVANet/issues/4
# MVANet splits the deepest feature map into a 2x2 grid of local views; an 864x1280
# input reaches that stage as 27x40, and "can't divide axis of length 27 in chunks of 2".
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
        loc = rearrange(shallow, "b c (hg h) (wg w) -> (hg wg b) c h w", hg=2, wg=2)  # expect[SHP001]
        loc = rearrange(loc, "(hg wg b) c h w -> b c (hg h) (wg w)", hg=2, wg=2)
        fused = loc + F.interpolate(glb, size=loc.shape[-2:], mode="bilinear")
        return torch.sigmoid(self.output(fused))


model = MVANetStem()
image = torch.randn(1, 3, 864, 1280)
pred = model(image)
