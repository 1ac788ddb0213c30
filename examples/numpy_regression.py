"""Linear regression by gradient descent in NumPy, with a column/row mix-up."""

import numpy as np

X = np.random.randn(100, 3)
true_w = np.array([1.5, -2.0, 0.5])
y = X @ true_w + 0.1 * np.random.randn(100)

w = np.zeros((3, 1))
for step in range(100):
    prediction = X @ w
    error = prediction - y  # SHP006: 13
    grad = X.T @ error / len(y)
    w -= 0.1 * grad  # SHP001: 5

images = np.zeros((32, 28, 28))
flat = images.reshape(32, 748)  # SHP001: 8
both = np.concatenate([flat, np.zeros((32, 10))], axis=0)
