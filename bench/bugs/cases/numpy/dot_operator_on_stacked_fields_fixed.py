# source: https://mcmap.net/q/1885378/-why-does-numpy-dot-behave-in-this-way
# np.matmul broadcasts the operator over the leading axes: (2, 9, 5) and (3, 2, 9, 5).
import numpy as np

M = np.ones((9, 9))
V2 = np.ones((9, 5))
V3 = np.ones((2, 9, 5))
V4 = np.ones((3, 2, 9, 5))

single = np.dot(M, V2)
stacked = np.matmul(M, V3)
nested = np.matmul(M, V4)
