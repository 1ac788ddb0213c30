# source: https://github.com/kornia/kornia/issues/1308
# binary_focal_loss_with_logits unsqueezes a target that already has the (N, 1, H, W) shape
# of the logits: (N, 1, H, W) probabilities times the (N, 1, 1, H, W) target broadcast into
# (N, N, 1, H, W), so every sample's loss is computed against every other sample's target.
import torch


def binary_focal_loss_with_logits(input, target, alpha=0.25, gamma=2.0, eps=1e-8):
    probs = torch.sigmoid(input)
    target = target.unsqueeze(dim=1)
    pos = -alpha * torch.pow(1.0 - probs + eps, gamma) * target * torch.log(probs + eps)  # expect[SHP002]
    neg = (1 - alpha) * torch.pow(probs + eps, gamma) * (1.0 - target) * torch.log(1.0 - probs + eps)  # expect[SHP002]
    loss_tmp = (pos - neg).squeeze(dim=1)
    return torch.mean(loss_tmp)


logits = torch.randn(4, 1, 3, 5)
labels = torch.randint(0, 2, (4, 1, 3, 5)).float()
loss = binary_focal_loss_with_logits(logits, labels)
