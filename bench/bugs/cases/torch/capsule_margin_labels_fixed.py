# source: https://github.com/gram-ai/capsule-networks/issues/28
# The margin loss multiplies class-index labels of shape (batch,) with the (batch, 10)
# capsule lengths: "The size of tensor a (16) must match the size of tensor b (10) at
# non-singleton dimension 1". The labels must be one-hot.
import torch
import torch.nn.functional as F


def margin_loss(labels, classes):
    left = F.relu(0.9 - classes, inplace=True) ** 2
    right = F.relu(classes - 0.1, inplace=True) ** 2
    loss = labels * left + 0.5 * (1.0 - labels) * right
    return loss.sum() / labels.size(0)


batch_size = 16
classes = torch.rand(batch_size, 10)
labels = torch.randint(0, 10, (batch_size,))
labels = F.one_hot(labels, 10).float()
loss = margin_loss(labels, classes)
