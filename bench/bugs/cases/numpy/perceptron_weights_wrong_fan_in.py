# source: https://example-a.com/answer/75473498
# A one-layer network on four 2-feature samples stored as columns: the weights are made
# for 4 inputs, but X.T has 2 features per row ("shapes (4,2) and (4,1) not aligned").
import numpy as np

X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
y = np.array([[0, 1, 0, 1]])
input_neurons = 4
output_neurons = 1
weights = np.random.rand(input_neurons, output_neurons)
biases = np.random.rand(output_neurons, 1)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward_propagation(X, weights, biases):
    return sigmoid(np.dot(X.T, weights) + biases)  # expect[SHP001]


output = forward_propagation(X, weights, biases)
