# source: https://codewithsundeep.com/discussion/solution/71369423
# The fix from the answer: make the prediction a column again before subtracting.
import numpy as np

rng = np.random.default_rng(2022)
X = rng.normal(size=(200, 4))
w = rng.normal(size=(4, 1))
y = X @ w + rng.normal(size=(200, 1))


def predict(features, weights):
    return (features @ weights).ravel()


y_hat = predict(X, w)
residual = y - y_hat.reshape(-1, 1)
sse = float((residual**2).sum())
