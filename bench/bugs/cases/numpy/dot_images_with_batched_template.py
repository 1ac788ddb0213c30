# source: https://mail.python.org/pipermail/numpy-discussion/2019-April/thread.html
# numpy-discussion thread "For broadcasting, can m by n by k matrix be multiplied with n by
# k matrix?" (19 April 2019): X holds 100 28x28 images and y one 28x28 matrix kept with a
# leading axis, (1, 28, 28); np.dot(X, y.T) contracts against a (28, 28, 1) array and gives
# (100, 28, 28, 1), the unexpected fourth axis of the report.
import numpy as np

X = np.random.rand(100, 28, 28)
y = np.random.rand(1, 28, 28)
z = np.dot(X, y.T)  # expect[SHP004]
scores = z.sum(axis=(1, 2))
