# source: https://mcmap.net/q/1885378/-why-does-numpy-dot-behave-in-this-way
# "Why does numpy dot behave in this way?": a 9x9 operator applied with np.dot to a stack of
# (9, 5) fields, (2, 9, 5), gives (9, 2, 5), and to (3, 2, 9, 5) gives (9, 3, 2, 5), where
# (2, 9, 5) and (3, 2, 9, 5) were expected; np.matmul broadcasts over the leading axes.
import numpy as np

M = np.ones((9, 9))
V2 = np.ones((9, 5))
V3 = np.ones((2, 9, 5))
V4 = np.ones((3, 2, 9, 5))

single = np.dot(M, V2)
stacked = np.dot(M, V3)  # expect[SHP004]
nested = np.dot(M, V4)  # expect[SHP004]
