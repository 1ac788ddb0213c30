# source: https://github.com/deepset-ai/FARM/issues/229
# The regression head squeezed its logits to (batch,) while the labels stay (batch, 1):
# "Using a target size (torch.Size([32, 1])) that is different to the input size
# (torch.Size([32]))", and the MSE compares every prediction with every label.
import torch
from torch import nn


class RegressionHead(nn.Module):
    def __init__(self, layer_dims):
        super().__init__()
        self.feed_forward = nn.Linear(layer_dims[0], layer_dims[1])
        self.loss_fct = nn.MSELoss(reduction="none")

    def forward(self, x):
        return self.feed_forward(x)

    def logits_to_loss(self, logits, label_ids):
        return self.loss_fct(logits, label_ids.float())


head = RegressionHead([768, 1])
pooled = torch.randn(32, 768)
labels = torch.randint(0, 16, (32, 1))
logits = head(pooled)
per_sample = head.logits_to_loss(logits, labels)
