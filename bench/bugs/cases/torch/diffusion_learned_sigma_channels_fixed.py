# source: https://github.com/JuliaWolleb/Diffusion-based-Segmentation/issues/10
# The model output split into the noise and the variance before it is used as eps.
import torch
from torch import nn


class TinyUNet(nn.Module):
    def __init__(self, channels, learn_sigma):
        super().__init__()
        out_channels = channels * 2 if learn_sigma else channels
        self.body = nn.Conv2d(channels, out_channels, kernel_size=3, padding=1)

    def forward(self, x, t):
        return self.body(x)


def predict_xstart_from_eps(x_t, eps, coef1=1.0, coef2=0.1):
    assert x_t.shape == eps.shape
    return coef1 * x_t - coef2 * eps


model = TinyUNet(channels=2, learn_sigma=True)
x_t = torch.randn(3, 2, 16, 16)
eps, _variance = torch.split(model(x_t, torch.tensor([10])), 2, dim=1)
x_start = predict_xstart_from_eps(x_t, eps)
