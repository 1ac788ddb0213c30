# source: https://github.com/kornia/kornia/issues/1308
# The report's fix: without the unsqueeze (and the squeeze after it) the target lines up with
# the logits and the loss is computed per element, (N, 1, H, W).
import torch


def binary_focal_loss_with_logits(input, target, alpha=0.25, gamma=2.0, eps=1e-8):
    probs = torch.sigmoid(input)
    pos = -alpha * torch.pow(1.0 - probs + eps, gamma) * target * torch.log(probs + eps)
    neg = (1 - alpha) * torch.pow(probs + eps, gamma) * (1.0 - target) * torch.log(1.0 - probs + eps)
    loss_tmp = pos - neg
    return torch.mean(loss_tmp)


logits = torch.randn(4, 1, 3, 5)
labels = torch.randint(0, 2, (4, 1, 3, 5)).float()
loss = binary_focal_loss_with_logits(logits, labels)
