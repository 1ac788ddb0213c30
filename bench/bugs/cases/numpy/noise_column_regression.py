# source: http://www.stat.ucla.edu/~arashamini/blog/2022/fun_with_numpy_broadcasting/
# Simulated regression data: the mean is a (50, 1) column but the noise is drawn as a
# (50,) vector, so y broadcasts to a (50, 50) matrix and the fit looks perfect.
import numpy as np

np.random.seed(34)
x = np.random.rand(50, 1)
noise = 0.5 * np.random.randn(50)
mu = 2 * x - 1
y = mu + noise  # expect[SHP006]
design = np.hstack([np.ones((50, 1)), x])
beta, *_ = np.linalg.lstsq(design, y, rcond=None)
