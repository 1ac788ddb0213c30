# source: https://github.com/IntelLabs/matsciml/pull/347
# A graph readout gives one value per graph, (N,), while the labels come out of the data
# pipeline as (N, 1): MSELoss broadcasts to (N, N) with only a warning.
import torch
from torch import nn


class Readout(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.head = nn.Linear(hidden, 1)

    def forward(self, node_features):
        return self.head(node_features).squeeze(-1)


def compute_losses(model, batch):
    prediction = model(batch["features"])
    return nn.MSELoss()(prediction.view(-1, 1), batch["targets"])


batch = {"features": torch.randn(8, 16), "targets": torch.rand(8, 1)}
loss = compute_losses(Readout(16), batch)
