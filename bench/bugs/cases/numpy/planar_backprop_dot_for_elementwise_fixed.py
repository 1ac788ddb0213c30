# source: https://community.deeplearning.ai/t/graded-function-backward-propagation/110003
# One matrix product and one elementwise product, as the formula says.
import numpy as np


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    return {"dW1": dW1, "dW2": dW2}


rng = np.random.default_rng(1)
X = rng.standard_normal((2, 3))
Y = (rng.random((1, 3)) > 0.5).astype(float)
parameters = {"W1": rng.standard_normal((4, 2)), "W2": rng.standard_normal((1, 4))}
A1 = np.tanh(parameters["W1"] @ X)
cache = {"A1": A1, "A2": 1 / (1 + np.exp(-(parameters["W2"] @ A1)))}
grads = backward_propagation(parameters, cache, X, Y)
