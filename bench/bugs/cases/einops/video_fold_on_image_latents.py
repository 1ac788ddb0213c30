# source: https://github.com/kijai/ComfyUI-PyramidFlowWrapper/issues/19
# The video sampler folds time into the batch with "b c t h w -> (b t) c h w", but it was
# handed image latents without a time axis, (batch, c, h, w): "expected 5 dims. Received
# 4-dim tensor".
import torch
from einops import rearrange
from torch import nn

decoder = nn.Conv2d(1, 3, kernel_size=3, padding=1)


def decode_video(latents):
    frames = rearrange(latents, "b c t h w -> (b t) c h w")  # expect[SHP001]
    return decoder(frames)


latents = torch.randn(16, 1, 12, 20)
video = decode_video(latents)
