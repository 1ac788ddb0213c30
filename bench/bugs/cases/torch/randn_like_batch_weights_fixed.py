# source: https://coderoad.ru/53202440/Есть-ли-разница-между-матумированием-и-обычным-умножением-тензоров
# The fix: a weight of shape (in_features, out_features), independent of the batch.
import torch

torch.manual_seed(7)
features = torch.randn((2, 5))
weights = torch.randn((5, 1))
product = torch.mm(features, weights)
