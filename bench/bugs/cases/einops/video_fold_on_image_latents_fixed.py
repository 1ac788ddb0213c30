# source: https://github.com/kijai/ComfyUI-PyramidFlowWrapper/issues/19
# Video latents with their time axis, (batch, c, t, h, w).
import torch
from einops import rearrange
from torch import nn

decoder = nn.Conv2d(1, 3, kernel_size=3, padding=1)


def decode_video(latents):
    frames = rearrange(latents, "b c t h w -> (b t) c h w")
    return decoder(frames)


latents = torch.randn(16, 1, 4, 12, 20)
video = decode_video(latents)
