# source: https://coderoad.ru/53202440/Есть-ли-разница-между-матумированием-и-обычным-умножением-тензоров
# The weights are drawn like the (2, 5) features, so the "matrix product" reshapes them
# to (5, 2) and returns a (2, 2) matrix that means nothing; the weight should be
# (in_features, out_features) = (5, 1).
import torch

torch.manual_seed(7)
features = torch.randn((2, 5))
weights = torch.randn_like(features)
elementwise = torch.sum(features * weights)  # expect[SHP003]
product = torch.mm(features, weights.view((5, 2)))  # expect[SHP003]
