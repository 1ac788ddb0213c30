# source: https://coderapp.vercel.app/answer/79426894
# A 2-D `W @ x` generalised to stacks: np.dot(W, x.transpose()) with W (2, 2, 3) and x
# (2, 1, 3) transposes all axes and fails to align.
import numpy as np

x = np.array([[[-1, 2, -4]], [[-1, 2, -4]]])
W = np.array([[[2, -4, 3], [-3, -4, 3]], [[2, -4, 3], [-3, -4, 3]]])
y = W @ x.transpose(0, 2, 1)
