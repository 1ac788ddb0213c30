# source: https://codewithsundeep.com/discussion/solution/71369423
# Targets kept as a (200, 1) column and predictions X @ w flattened to (200,): the
# residual y - y_hat broadcasts to (200, 200) instead of (200, 1).
import numpy as np

rng = np.random.default_rng(2022)
X = rng.normal(size=(200, 4))
w = rng.normal(size=(4, 1))
y = X @ w + rng.normal(size=(200, 1))


def predict(features, weights):
    return (features @ weights).ravel()


y_hat = predict(X, w)
residual = y - y_hat  # expect[SHP006]
sse = float((residual**2).sum())
