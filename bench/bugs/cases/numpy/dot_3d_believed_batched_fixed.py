# source: https://errorhandle.ai/how-works-numpy-dot-for-3-d-matrix
# The answer claims np.dot of (2, 3, 4) and (2, 4, 5) multiplies matching matrices into
# (2, 3, 5); np.dot contracts over every pair and gives (2, 3, 2, 5).
import numpy as np

A = np.random.rand(2, 3, 4)
B = np.random.rand(2, 4, 5)
C = np.matmul(A, B)
