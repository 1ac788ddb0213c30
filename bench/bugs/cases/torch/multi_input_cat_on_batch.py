# source: https://github.com/pytorch/pytorch/issues/139037
# Six images go through one shared CNN and their features are joined for the classifier,
# but torch.cat stacks them along the batch axis (dim 0): the classifier sized for six
# feature vectors per sample gets one ("mat1 and mat2 shapes cannot be multiplied").
import torch
from torch import nn


class MultiInputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(3, 8, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(4),
            nn.Flatten(),
        )
        self.sec = nn.Sequential(nn.Linear(6 * 8 * 4 * 4, 32), nn.ReLU(), nn.Linear(32, 2))

    def forward(self, inputs):
        features = [self.cnn(x) for x in inputs]
        joined = torch.cat(features, 0)
        return self.sec(joined)  # expect[SHP001]


model = MultiInputs()
views = [torch.randn(5, 3, 16, 16) for _ in range(6)]
logits = model(views)
