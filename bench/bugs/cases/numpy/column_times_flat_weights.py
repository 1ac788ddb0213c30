# source: https://thearchivebase.com/question/elementwise-multiplication-of-two-vectors-is-no-problem-if-they-both-have-the-same/
# Weighted residuals: the residuals are a (n, 1) column from a matrix product and the
# weights a flat (n,) vector, so `*` builds the (n, n) matrix of every residual times every
# weight instead of n weighted residuals.
import numpy as np

rng = np.random.default_rng(3)
A = rng.normal(size=(6, 2))
x = rng.normal(size=(2, 1))
b = rng.normal(size=(6, 1))
weights = rng.uniform(0.5, 1.5, size=6)

residuals = A @ x - b
weighted = residuals * weights  # expect[SHP002]
cost = float(np.sum(weighted**2))
