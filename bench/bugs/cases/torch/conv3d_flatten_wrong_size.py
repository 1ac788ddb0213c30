# source: https://github.com/weka511/hpa-scc/issues/38
# The classifier flattens the 3-D conv features with a size worked out for a larger
# input: "shape '[-1, 115200]' is invalid for input of size 72000".
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(4, 8, kernel_size=(1, 3, 3))
        self.pool = nn.MaxPool3d((1, 2, 2))
        self.fc = nn.Linear(8 * 1 * 15 * 15, 18)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        x = x.view(-1, 8 * 1 * 15 * 15)  # expect[SHP001]
        return self.fc(x)


net = Net()
inputs = torch.randn(1, 4, 1, 24, 24)
outputs = net(inputs)
