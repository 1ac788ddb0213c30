# source: https://github.com/JuliaWolleb/Diffusion-based-Segmentation/issues/10
# With learn_sigma the denoiser predicts the noise and the variance, 2*C channels, but
# the sampler compares its output with x_t directly ("assert x_t.shape == eps.shape").
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
    assert x_t.shape == eps.shape  # expect[SHP005]
    return coef1 * x_t - coef2 * eps


model = TinyUNet(channels=2, learn_sigma=True)
x_t = torch.randn(3, 2, 16, 16)
eps = model(x_t, torch.tensor([10]))
x_start = predict_xstart_from_eps(x_t, eps)
