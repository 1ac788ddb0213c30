# source: https://github.com/XLabs-AI/x-flux-comfyui/issues/153
# The projection given the 768-wide embedding of the encoder it was trained with.
import torch
from torch import nn


class ImageProjModel(nn.Module):
    def __init__(self, cross_attention_dim=64, clip_embeddings_dim=768, extra_tokens=4):
        super().__init__()
        self.extra_tokens = extra_tokens
        self.cross_attention_dim = cross_attention_dim
        self.proj = nn.Linear(clip_embeddings_dim, extra_tokens * cross_attention_dim)
        self.norm = nn.LayerNorm(cross_attention_dim)

    def forward(self, image_embeds):
        tokens = self.proj(image_embeds)
        tokens = tokens.reshape(-1, self.extra_tokens, self.cross_attention_dim)
        return self.norm(tokens)


proj = ImageProjModel()
image_embeds = torch.randn(1, 768)
context = proj(image_embeds)
