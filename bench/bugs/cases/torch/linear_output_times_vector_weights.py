# source: https://github.com/pytorch/pytorch/issues/818
# A per-sample score from a (12 -> 1) linear layer, shape (5, 1), is weighted by a (5,)
# vector before summing: the product broadcasts to a (5, 5) matrix and the sum adds every
# score times every weight.
import torch
from torch import nn

features = torch.randn(5, 12, requires_grad=True)
sample_weights = torch.randn(5, requires_grad=True)
scorer = nn.Linear(12, 1)

weighted = (scorer(features) * sample_weights).sum()  # expect[SHP002]
weighted.backward()
