# source: https://github.com/EdoardoBotta/RQ-VAE-Recommender/issues/5
# The RQ-VAE quantizer expects (batch, dim) item embeddings, but the data loader yields
# (batch, 1, dim) and the check "assert x.dim() == 2" fails.
import torch
from torch import nn


class Quantizer(nn.Module):
    def __init__(self, dim, codebook_size):
        super().__init__()
        self.codebook = nn.Embedding(codebook_size, dim)

    def forward(self, x):
        assert x.dim() == 2  # expect[SHP005]
        distances = torch.cdist(x, self.codebook.weight)
        return distances.argmin(dim=-1)


quantizer = Quantizer(32, codebook_size=16)
batch = torch.randn(64, 1, 32)
codes = quantizer(batch)
