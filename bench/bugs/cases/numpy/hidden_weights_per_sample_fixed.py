# source: https://codepudding.com/database/460907.html
# The answer: the weights do not depend on the number of samples; a (4, 3) matrix maps
# 4 features onto 3 hidden units.
import numpy as np

rng = np.random.default_rng(0)
X = rng.random((112, 4))
W = rng.random((4, 3))
hidden = np.maximum(X @ W, 0)
