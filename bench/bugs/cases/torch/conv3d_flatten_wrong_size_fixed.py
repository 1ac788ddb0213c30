# source: https://github.com/weka511/hpa-scc/issues/38
# The flatten size computed for the input actually given: 24 -> 22 after the conv, 11
# after the pool.
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(4, 8, kernel_size=(1, 3, 3))
        self.pool = nn.MaxPool3d((1, 2, 2))
        self.fc = nn.Linear(8 * 1 * 11 * 11, 18)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        x = x.view(-1, 8 * 1 * 11 * 11)
        return self.fc(x)


net = Net()
inputs = torch.randn(1, 4, 1, 24, 24)
outputs = net(inputs)
