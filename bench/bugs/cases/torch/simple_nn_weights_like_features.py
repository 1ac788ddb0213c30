# source: https://github.com/mandalikhalesi/deep-learning-v2-pytorch/blob/master/intro-to-pytorch/simpleNN_test.py
# A learner's test script of the intro network: the weights are drawn with
# torch.randn_like(features), (1, 5) like the one sample, so the elementwise sum is a weighted
# sum only for a batch of one, and the matrix product needs a view of them as (5, 1).
import torch


def activation(x):
    # Sigmoid activation function
    return 1 / (1 + torch.exp(-x))


torch.manual_seed(7)

# initialize features, weights, biases
features = torch.randn((1, 5))
print("\nThese are features: ", features)

weights = torch.randn_like(features)
print("\nThese are weights: ", weights)

features_times_weights = torch.sum(features * weights)  # expect[SHP003]
print("\nThis is features times weights: ", features_times_weights)

features_mm_weights = torch.mm(features, weights.view(5, 1))  # expect[SHP003]
print("\nThis is features mm weights: ", features_mm_weights)

bias = torch.randn((1, 1))
y = activation(features_times_weights + bias)
y2 = activation(features_mm_weights + bias)
print("\nThis is y (mm): ", y2)
