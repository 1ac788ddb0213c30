# source: http://stackoverflow.com/questions/16274791/matrix-multiplication-of-two-vectors
# An outer product of a (4, 1) column and a flat length-3 vector written with dot: the
# column's single column cannot meet the vector's 3 entries ("objects are not aligned").
import numpy as np

b = np.array([[1], [2], [3], [4]])
a = np.array([1, 2, 3])
table = b.dot(a)  # expect[SHP001]
