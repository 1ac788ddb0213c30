# source: https://wiki.gubat.org/content/stackoverflow.com_en_all_2023-11/questions/34138340/how-to-vectorize-np-dot-vector-a-vector-b-i-for-i-in-range
# matmul broadcasts the (1, 3, 1) stack against the (N, 1, 3) one: N products, (N, 3, 3).
import numpy as np

N = 64
vector_a = np.random.rand(3, 1)
vector_b = np.random.rand(3, N)
r = np.matmul(vector_a.reshape(1, 3, 1), vector_b.T.reshape(N, 1, 3))
first = r[0]
