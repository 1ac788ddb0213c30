# source: https://mail.python.org/pipermail/numpy-discussion/2006-November/thread.html
# The thread's answer: tensordot contracts the operator with the grid's first axis.
import numpy as np

n, nz = 4, 5


def apply_along_x(op, grid):
    return np.tensordot(op, grid, axes=([1], [0]))


laplace_x = -2 * np.eye(n) + np.eye(n, k=1) + np.eye(n, k=-1)
psi = np.random.rand(n, n, nz)
d2psi = apply_along_x(laplace_x, psi)
