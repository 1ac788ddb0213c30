# source: https://github.com/Sillians/AI-Saturday-Deep-Learning-Cohort-6/blob/main/Part_1_Tensors_in_PyTorch_(Exercises).ipynb
# The fix: a weight maps the 5 input features to 1 output, so it is drawn as
# (in_features, out_features) = (5, 1) and used as drawn.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
n_inputs = features.shape[1]
weights = torch.randn((n_inputs, 1))
bias = torch.randn((1, 1))

output = torch.matmul(features, weights)
y = activation(output + bias)
