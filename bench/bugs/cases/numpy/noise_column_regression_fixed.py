# source: http://www.stat.ucla.edu/~arashamini/blog/2022/fun_with_numpy_broadcasting/
# The fix: draw the noise with the same (50, 1) shape as the mean.
import numpy as np

np.random.seed(34)
x = np.random.rand(50, 1)
noise = 0.5 * np.random.randn(50, 1)
mu = 2 * x - 1
y = mu + noise
design = np.hstack([np.ones((50, 1)), x])
beta, *_ = np.linalg.lstsq(design, y, rcond=None)
