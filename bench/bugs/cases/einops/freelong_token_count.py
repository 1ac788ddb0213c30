# source: https://github.com/shootthesound/comfyUI-LongLook/issues/2
# The block regroups tokens with explicit T and S lengths, but the latent holds more
# tokens than T * S (a different resolution than the one the lengths were derived for).
import torch
from einops import rearrange


def temporal_view(x, num_frames, tokens_per_frame):
    pattern = "B (T S) N C -> (B S) N T C"
    return rearrange(x, pattern, T=num_frames, S=tokens_per_frame)  # expect[SHP001]


latent_tokens = torch.randn(1, 66, 2, 4)
frames = temporal_view(latent_tokens, num_frames=5, tokens_per_frame=13)
