# source: https://coderapp.vercel.app/answer/79426894
# Two samples of one dense layer, stacked: x (2, 1, 3) and W (2, 2, 3). The 2-D version
# np.dot(W, x) gives the (2,) activations; in 3-D np.dot pairs every matrix of W with every
# sample of x, and the full transpose x.transpose() reverses all three axes to (3, 1, 2),
# so the contraction meets the singleton axis: "shapes (2,2,3) and (3,1,2) not aligned".
import numpy as np

x = np.array([[[-1, 2, -4]], [[-1, 2, -4]]])
W = np.array([[[2, -4, 3], [-3, -4, 3]], [[2, -4, 3], [-3, -4, 3]]])
y = np.dot(W, x.transpose())  # expect[SHP001,SHP004]
