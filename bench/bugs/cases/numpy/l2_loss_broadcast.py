# source: https://github.com/HIPS/Kayak/issues/14
# Targets of size (77,) and predictions of size (77, 1): the L2 loss is applied to all
# 77**2 combinations of predictions and targets.
import numpy as np


def l2_loss(predictions, targets):
    return np.sum((predictions - targets) ** 2)  # expect[SHP006]


rng = np.random.default_rng(0)
inputs = rng.normal(size=(77, 4))
weights = rng.normal(size=(4, 1))
predictions = inputs @ weights
targets = rng.normal(size=77)
loss = l2_loss(predictions, targets)
