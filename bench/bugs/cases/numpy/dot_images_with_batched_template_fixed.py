# source: https://mail.python.org/pipermail/numpy-discussion/2019-April/thread.html
# The thread's answer: y without the leading singleton is a (28, 28) matrix, or spell the
# axes out with einsum('abc,dc->abd'); either gives (100, 28, 28).
import numpy as np

X = np.random.rand(100, 28, 28)
y = np.random.rand(1, 28, 28)
z = np.einsum("abc,dc->abd", X, y[0])
scores = z.sum(axis=(1, 2))
