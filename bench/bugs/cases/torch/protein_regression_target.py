# source: https://github.com/jiaqingxie/DeepProtein/issues/1
# "Using a target size (torch.Size([66])) that is different to the input size
# (torch.Size([66, 3, 1]))": the MSE broadcasts to (66, 3, 66).
import torch
import torch.nn.functional as F
from torch import nn


class Predictor(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.encoder = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, residues):
        return self.out(torch.relu(self.encoder(residues)))


model = Predictor(16)
residues = torch.randn(66, 3, 16)
label = torch.randn(66)
score = model(residues)
loss = F.mse_loss(score, label)  # expect[SHP006]
