# source: https://github.com/EdoardoBotta/RQ-VAE-Recommender/issues/5
# The quantizer declares 2-D inputs (`assert x.dim() == 2`), but the item embeddings
# arrive as (64, 1, 32).
import torch
from torch import nn


class Quantize(nn.Module):
    def __init__(self, embed_dim, n_embed):
        super().__init__()
        self.embedding = nn.Embedding(n_embed, embed_dim)

    def forward(self, x):
        assert x.dim() == 2
        dist = torch.cdist(x, self.embedding.weight)
        return self.embedding(dist.argmin(dim=1))


encoder = nn.Linear(48, 32)
quantize = Quantize(32, 16)
items = torch.randn(64, 1, 48)
codes = quantize(encoder(items).squeeze(1))
