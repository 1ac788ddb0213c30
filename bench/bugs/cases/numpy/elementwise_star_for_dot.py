# source: https://m.sbmmt.com/faq/1796727263.html
# Linear regression cost: the (97, 2) design matrix times the (2, 1) parameters with `*`,
# which broadcasts elementwise and fails, where a matrix product was meant.
import numpy as np

m = 97
population = np.linspace(5.0, 22.0, m)
X = np.column_stack([np.ones(m), population])
y = (3.0 * population - 4.0).reshape(m, 1)
theta = np.zeros((2, 1))


def compute_cost(X, y, theta):
    errors = X * theta - y  # expect[SHP001]
    return float((errors**2).sum() / (2 * len(y)))


cost = compute_cost(X, y, theta)
