# source: http://stackoverflow.com/questions/16274791/matrix-multiplication-of-two-vectors
# The answer: make the vector a (1, 3) row, and the product is the (4, 3) outer product.
import numpy as np

b = np.array([[1], [2], [3], [4]])
a = np.array([[1, 2, 3]])
table = b.dot(a)
