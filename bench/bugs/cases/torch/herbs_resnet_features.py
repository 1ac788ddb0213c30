# source: https://github.com/chou141253/FGVC-HERBS/issues/13
# The selector declares token features (B, S, C), but a ResNet backbone returns 4-D
# feature maps (B, C, H, W): `assert len(inputs[node_name].size()) == 3` fails.
import torch
from torch import nn


class WeaklySelector(nn.Module):
    def __init__(self, in_dim, num_classes):
        super().__init__()
        self.classifier = nn.Linear(in_dim, num_classes)

    def forward(self, inputs):
        logits = {}
        for node_name in inputs:
            assert len(inputs[node_name].size()) == 3  # expect[SHP005]
            logits[node_name] = self.classifier(inputs[node_name])
        return logits


backbone = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU())
selector = WeaklySelector(16, 5)
features = {"layer1": backbone(torch.randn(2, 3, 16, 16))}
logits = selector(features)
