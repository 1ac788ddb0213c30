# source: https://github.com/kohya-ss/sd-scripts/issues/2020
# Flux packs the latent into 2x2 patches; an image whose size is not a multiple of 16
# gives a latent of odd width (85 here is scaled down to 11) and the packing fails.
import torch
from einops import rearrange


def pack_latents(latents):
    return rearrange(latents, "b c (h ph) (w pw) -> b (h w) (c ph pw)", ph=2, pw=2)  # expect[SHP001]


latents = torch.randn(1, 16, 12, 11)
packed = pack_latents(latents)
