# source: https://m.sbmmt.com/faq/1796727263.html
# The fix from the answer: a matrix product, X.dot(theta), gives the (97, 1) predictions.
import numpy as np

m = 97
population = np.linspace(5.0, 22.0, m)
X = np.column_stack([np.ones(m), population])
y = (3.0 * population - 4.0).reshape(m, 1)
theta = np.zeros((2, 1))


def compute_cost(X, y, theta):
    errors = X.dot(theta) - y
    return float((errors**2).sum() / (2 * len(y)))


cost = compute_cost(X, y, theta)
