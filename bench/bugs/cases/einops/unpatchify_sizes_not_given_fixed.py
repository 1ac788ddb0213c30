# source: https://github.com/arogozhnikov/einops/issues/96
# The folded axis can only be split when all but one of its sizes are given;
# passing b, h and w (5, 640 // 64, 192 // 64) restores the 5 x 3 x 640 x 192 batch.
import torch
from einops import rearrange

input_image = torch.randn(5, 3, 640, 192)
patches = rearrange(input_image, "b c (h p1) (w p2) -> (b h w) c p1 p2", p1=64, p2=64)
b, _, height, width = input_image.shape
org_img = rearrange(patches, "(b h w) c p1 p2 -> b c (h p1) (w p2)", b=b, h=height // 64, w=width // 64, p1=64, p2=64)
