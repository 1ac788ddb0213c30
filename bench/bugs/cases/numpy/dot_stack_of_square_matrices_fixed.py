# source: https://stackoverflow.com/questions/34142485/difference-between-numpy-dot-and-python-3-5-matrix-multiplication
# The answer: np.matmul (what `@` calls) broadcasts over the stack, (8, 13, 13).
import numpy as np

a = np.random.rand(8, 13, 13)
b = np.random.rand(8, 13, 13)
c = a @ b
d = np.matmul(a, b)
trace = np.trace(d, axis1=-2, axis2=-1)
