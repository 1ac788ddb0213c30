# source: https://github.com/nv-tlabs/datasetGAN_release/issues/49
# The latents transposed to (batch, 18, 512) before the mapping.
import torch
from torch import nn


class StyleMapping(nn.Module):
    def __init__(self, latent_dim=512, hidden=1024):
        super().__init__()
        self.fc = nn.Linear(latent_dim, hidden)

    def forward(self, latents):
        return torch.relu(self.fc(latents))


mapping = StyleMapping()
latents = torch.randn(1, 512, 18)
styles = mapping(latents.transpose(1, 2))
