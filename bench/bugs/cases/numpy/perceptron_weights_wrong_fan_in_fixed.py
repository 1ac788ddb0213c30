# source: https://example-a.com/answer/75473498
# The fan-in is the number of features (2), not the number of samples.
import numpy as np

X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
y = np.array([[0, 1, 0, 1]])
input_neurons = X.shape[0]
output_neurons = 1
weights = np.random.rand(input_neurons, output_neurons)
biases = np.random.rand(output_neurons, 1)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward_propagation(X, weights, biases):
    return sigmoid(np.dot(X.T, weights) + biases)


output = forward_propagation(X, weights, biases)
