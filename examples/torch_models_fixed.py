"""The PyTorch models, correct: shapelint stays silent."""

import torch
import torch.nn.functional as F
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3)
        self.fc1 = nn.Linear(32 * 6 * 6, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc1(x)


model = Classifier()
logits = model(torch.randn(64, 784))
net = ConvNet()
scores = net(torch.randn(8, 1, 28, 28))

encoder = nn.Linear(20, 8)
batch = torch.randn(16, 20)
codes = batch @ encoder.weight.t()
same_codes = F.linear(batch, encoder.weight, encoder.bias)

regressor = nn.Linear(10, 1)
inputs = torch.randn(32, 10)
target = torch.randn(32, 1)
prediction = regressor(inputs)
loss = ((prediction - target) ** 2).mean()

# Broadcasting that is meant says so.
pairwise = inputs[:, None, :] - inputs[None, :, :]
centered = inputs - inputs.mean(dim=0, keepdim=True)
