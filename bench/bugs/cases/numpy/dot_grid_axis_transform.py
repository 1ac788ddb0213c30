# source: https://mail.python.org/pipermail/numpy-discussion/2006-November/thread.html
# numpy-discussion thread "dot operations on multidimensional arrays" (Carsten Rostgaard,
# 23 November 2006, answered 5 December): a 2-D operator meant for the first axis of a 3-D
# grid is applied with dot(a, b), which sums over b's second-to-last axis instead,
# y[i, j, k] = sum(a[i, :] * b[j, :, k]); on a cubic grid nothing raises. The answer:
# tensordot, which says which axis is contracted.
import numpy as np

n, nz = 4, 5


def apply_along_x(op, grid):
    return np.dot(op, grid)  # expect[SHP004]


laplace_x = -2 * np.eye(n) + np.eye(n, k=1) + np.eye(n, k=-1)
psi = np.random.rand(n, n, nz)
d2psi = apply_along_x(laplace_x, psi)
