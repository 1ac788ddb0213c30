# source: https://github.com/nv-tlabs/datasetGAN_release/issues/49
# The per-layer latents are stored as (batch, 512, 18) while the style network maps the
# last axis from 512 features: the linear layer sees 18 features ("mat1 and mat2 shapes
# cannot be multiplied (1x18 and 512x1024)"); the reporter fixed it with a transpose.
import torch
from torch import nn


class StyleMapping(nn.Module):
    def __init__(self, latent_dim=512, hidden=1024):
        super().__init__()
        self.fc = nn.Linear(latent_dim, hidden)

    def forward(self, latents):
        return torch.relu(self.fc(latents))  # expect[SHP001]


mapping = StyleMapping()
latents = torch.randn(1, 512, 18)
styles = mapping(latents)
