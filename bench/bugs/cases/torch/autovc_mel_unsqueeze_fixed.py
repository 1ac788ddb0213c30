# source: https://github.com/auspicious3000/autovc/issues/66
# The generator unsqueezes its mel outputs to (4, 1, 128, 80) while the real mels are
# (4, 128, 80): "Using a target size (torch.Size([4, 1, 128, 80])) that is different to
# the input size (torch.Size([4, 128, 80]))", which broadcasts to (4, 4, 128, 80).
import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, n_mels):
        super().__init__()
        self.decoder = nn.Linear(n_mels, n_mels)

    def forward(self, x):
        mel_outputs = self.decoder(x)
        return mel_outputs


G = Generator(80)
x_real = torch.randn(4, 128, 80)
x_identic = G(x_real)
g_loss_id = F.mse_loss(x_real, x_identic)
