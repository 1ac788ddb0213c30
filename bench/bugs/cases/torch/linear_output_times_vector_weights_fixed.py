# source: https://github.com/pytorch/pytorch/issues/818
# The score's trailing axis squeezed away first: one weight per sample.
import torch
from torch import nn

features = torch.randn(5, 12, requires_grad=True)
sample_weights = torch.randn(5, requires_grad=True)
scorer = nn.Linear(12, 1)

weighted = (scorer(features).squeeze(-1) * sample_weights).sum()
weighted.backward()
