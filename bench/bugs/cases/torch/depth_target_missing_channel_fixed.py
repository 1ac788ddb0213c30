# source: https://github.com/jiwei0921/CoNet/issues/3
# The maintainer's fix: give the target its channel axis, target.unsqueeze(1).
import torch
import torch.nn.functional as F
from torch import nn


class DepthHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.project = nn.Conv2d(channels, 1, kernel_size=3, padding=1)

    def forward(self, features):
        return torch.sigmoid(self.project(features))


head = DepthHead(16)
features = torch.randn(2, 16, 32, 32)
depth = torch.rand(2, 32, 32)
pred_depth = head(features)
loss = F.smooth_l1_loss(pred_depth, depth.unsqueeze(1), reduction="sum")
