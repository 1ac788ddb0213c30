# source: https://github.com/kohya-ss/sd-scripts/issues/2020
# The image cropped to a multiple of 16 first, so the latent's sides are even.
import torch
from einops import rearrange


def pack_latents(latents):
    return rearrange(latents, "b c (h ph) (w pw) -> b (h w) (c ph pw)", ph=2, pw=2)


latents = torch.randn(1, 16, 12, 11)[..., : 11 // 2 * 2]
packed = pack_latents(latents)
