# source: https://github.com/EdoardoBotta/RQ-VAE-Recommender/issues/5
# The extra axis squeezed away before quantizing.
import torch
from torch import nn


class Quantizer(nn.Module):
    def __init__(self, dim, codebook_size):
        super().__init__()
        self.codebook = nn.Embedding(codebook_size, dim)

    def forward(self, x):
        assert x.dim() == 2
        distances = torch.cdist(x, self.codebook.weight)
        return distances.argmin(dim=-1)


quantizer = Quantizer(32, codebook_size=16)
batch = torch.randn(64, 1, 32)
codes = quantizer(batch.squeeze(1))
