# source: https://codepudding.com/database/460907.html
# An MLP on the iris data (112 samples, 4 features) written with NumPy: the hidden weights
# are drawn with the data's own shape, one row per sample, so X @ W.T compares every
# sample with every other, (112, 112), instead of projecting 4 features onto 3 units.
import numpy as np

rng = np.random.default_rng(0)
X = rng.random((112, 4))
W = rng.random(X.shape)
hidden = np.maximum(X @ W.T, 0)  # expect[SHP003]
