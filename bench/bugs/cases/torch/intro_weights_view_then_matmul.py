# source: https://github.com/Sillians/AI-Saturday-Deep-Learning-Cohort-6/blob/main/Part_1_Tensors_in_PyTorch_(Exercises).ipynb
# The cohort's copy of the PyTorch intro exercise draws the weights with randn_like(features),
# so they are (1, 5) like the single sample: the first attempt fails with "mat1 and mat2
# shapes cannot be multiplied (1x5 and 1x5)", and the notebook then views the weights as
# (5, 1) to make torch.matmul fit; the weight's shape stays tied to a batch of one sample.
import torch


def activation(x):
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn_like(features)
bias = torch.randn((1, 1))

output = torch.sum(torch.matmul(features, weights), bias)  # expect[SHP001,SHP003]
weights = weights.view(5, 1)
output = torch.matmul(features, weights)  # expect[SHP003]
y = activation(output + bias)
