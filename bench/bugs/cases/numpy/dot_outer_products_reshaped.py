# source: https://wiki.gubat.org/content/stackoverflow.com_en_all_2023-11/questions/34138340/how-to-vectorize-np-dot-vector-a-vector-b-i-for-i-in-range
# N outer products of a (3, 1) column with each column of a (3, N) array: reshaped to
# (1, 3, 1) and (N, 1, 3) and passed to np.dot, the result is (1, 3, N, 3), not (N, 3, 3).
import numpy as np

N = 64
vector_a = np.random.rand(3, 1)
vector_b = np.random.rand(3, N)
r = np.dot(vector_a.reshape(1, 3, 1), vector_b.T.reshape(N, 1, 3))  # expect[SHP004]
first = r[0]
