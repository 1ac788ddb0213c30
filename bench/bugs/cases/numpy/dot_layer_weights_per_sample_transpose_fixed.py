# source: https://coderapp.vercel.app/answer/79426894
# The answer: a batched matrix product with only the last two axes swapped,
# W @ x.transpose(0, 2, 1), gives one (2, 1) column of activations per sample.
import numpy as np

x = np.array([[[-1, 2, -4]], [[-1, 2, -4]]])
W = np.array([[[2, -4, 3], [-3, -4, 3]], [[2, -4, 3], [-3, -4, 3]]])
y = W @ x.transpose(0, 2, 1)
