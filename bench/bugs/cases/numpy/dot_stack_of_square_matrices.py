# source: https://stackoverflow.com/questions/34142485/difference-between-numpy-dot-and-python-3-5-matrix-multiplication
# Eight 13x13 matrices multiplied pairwise: `a @ b` gives the eight products, (8, 13, 13),
# but np.dot on the same stacks returns (8, 13, 8, 13), every matrix of a times every matrix
# of b.
import numpy as np

a = np.random.rand(8, 13, 13)
b = np.random.rand(8, 13, 13)
c = a @ b
d = np.dot(a, b)  # expect[SHP004]
trace = np.trace(d, axis1=-2, axis2=-1)
