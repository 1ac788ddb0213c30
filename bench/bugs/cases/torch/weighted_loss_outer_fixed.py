# source: https://github.com/pytorch/pytorch/issues/2973
# Per-sample weights kept as a (10, 1) column multiply a (10,) vector of losses: the
# product broadcasts to (10, 10) and the reduced loss is silently wrong.
import torch
import torch.nn.functional as F

batch = 10
logits = torch.randn(batch, 5)
labels = torch.randint(0, 5, (batch,))
sample_weights = torch.rand(batch)

losses = F.cross_entropy(logits, labels, reduction="none")
weighted = (sample_weights * losses).sum() / sample_weights.sum()
