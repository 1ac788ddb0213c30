# source: https://github.com/mandalikhalesi/deep-learning-v2-pytorch/blob/master/intro-to-pytorch/simpleNN_test.py
# The fix: the weights are a (5, 1) column, one weight per input feature and output unit,
# so one matrix product gives the weighted sum for every sample of the batch.
import torch


def activation(x):
    # Sigmoid activation function
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)

features = torch.randn((1, 5))
weights = torch.randn((5, 1))
bias = torch.randn((1, 1))

features_mm_weights = torch.mm(features, weights)
y2 = activation(features_mm_weights + bias)
print("\nThis is y (mm): ", y2)
