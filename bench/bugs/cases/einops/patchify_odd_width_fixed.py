# source: https://github.com/yolain/ComfyUI-Easy-Use/issues/527
# Patchifying a latent whose width is odd: "(w pw)" with pw=2 cannot split an axis of
# odd length.
import torch
from einops import rearrange


def patchify(latent, patch=2):
    return rearrange(latent, "b c (h ph) (w pw) -> b (h w) (c ph pw)", ph=patch, pw=patch)


latent = torch.randn(1, 4, 12, 14)
tokens = patchify(latent)
