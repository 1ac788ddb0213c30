# source: https://thearchivebase.com/question/elementwise-multiplication-of-two-vectors-is-no-problem-if-they-both-have-the-same/
# The answer's fix: slice the weights into the residuals' (n, 1) shape.
import numpy as np

rng = np.random.default_rng(3)
A = rng.normal(size=(6, 2))
x = rng.normal(size=(2, 1))
b = rng.normal(size=(6, 1))
weights = rng.uniform(0.5, 1.5, size=6)

residuals = A @ x - b
weighted = residuals * weights[:, None]
cost = float(np.sum(weighted**2))
