# source: https://forums.fast.ai/t/understanding-michael-nielsens-backpropagation-code-chapter-2/7398
# Nielsen's network expects column vectors; called with plain lists, the activations
# broadcast into matrices and the weight gradient's product fails ("shapes (2,2) and
# (1,1) not aligned").
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Network:
    def __init__(self, sizes):
        rng = np.random.default_rng(0)
        self.biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
        self.weights = [rng.standard_normal((y, x)) for x, y in zip(sizes[:-1], sizes[1:])]

    def backprop(self, x, y):
        activation = np.array(x)
        activations = [activation]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = (activations[-1] - np.array(y)) * sigmoid(zs[-1]) * (1 - sigmoid(zs[-1]))  # expect[SHP006]
        return np.dot(delta, activations[-2].transpose())  # expect[SHP001]


net = Network([2, 1, 2])
nabla_w = net.backprop([1, 2], [3, 4])
