# source: https://packt-plus-non-live.prod.packtpub.com/en-lt/product/scientific-computing-with-python-second-edition-9781838822323/chapter/advanced-array-concepts-5/section/shape-mismatch-ch05lvl1sec38
# A vector of length n cannot be broadcast to (n, m): M + v fails; v must be reshaped
# to a column (n, 1).
from numpy import array

M = array([[11, 12, 13, 14], [21, 22, 23, 24], [31, 32, 33, 34]])
v = array([100, 200, 300])
shifted = M + v.reshape(-1, 1)
