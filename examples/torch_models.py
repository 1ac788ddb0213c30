"""PyTorch models with shape bugs that only show up when the model first runs."""

import torch
import torch.nn.functional as F
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return self.fc2(x)  # SHP001: 16


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3)
        self.fc1 = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc1(x)  # SHP001: 16


net = ConvNet()
scores = net(torch.randn(8, 1, 28, 28))

# The weight of a Linear layer is (out_features, in_features): it needs a transpose.
encoder = nn.Linear(20, 8)
batch = torch.randn(16, 20)
codes = batch @ encoder.weight  # SHP001: 9

# A regression loss whose prediction lost its last dim: (32,) - (32, 1) is (32, 32).
regressor = nn.Linear(10, 1)
inputs = torch.randn(32, 10)
target = torch.randn(32, 1)
prediction = regressor(inputs).squeeze(1)
loss = ((prediction - target) ** 2).mean()  # SHP006: 10
