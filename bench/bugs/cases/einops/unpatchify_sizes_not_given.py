# source: https://github.com/arogozhnikov/einops/issues/96
# A 5 x 3 x 640 x 192 batch is cut into 64 x 64 patches with the batch and grid folded
# into one axis; going back, the pattern names b, h and w again but gives none of them,
# and einops cannot split (b h w) = 150: "Could not infer sizes for {'w', 'b', 'h'}".
import torch
from einops import rearrange

input_image = torch.randn(5, 3, 640, 192)
patches = rearrange(input_image, "b c (h p1) (w p2) -> (b h w) c p1 p2", p1=64, p2=64)
org_img = rearrange(patches, "(b h w) c p1 p2 -> b c (h p1) (w p2)", p1=64, p2=64)  # expect[SHP001]
