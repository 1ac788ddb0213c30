# source: http://mail.scipy.org/pipermail/numpy-discussion/2009-June/043311.html
# A rotation applied to a time series: n rotation matrices M (n, 3, 3) and n vectors V (n, 3).
# Fixed: a stacked matrix product (matmul broadcasts over the leading axis) pairs matrix i with
# vector i, and dropping the singleton axis gives the (n, 3) rotated vectors.
import numpy as np


def rotat_vect(phi, V):
    s = np.sin(phi)
    c = np.cos(phi)
    M = np.zeros((len(phi), 3, 3))
    M[:, 2, 2] = M[:, 1, 1] = c
    M[:, 1, 2] = -s
    M[:, 2, 1] = s
    M[:, 0, 0] = np.ones(len(phi))
    return np.matmul(M, V[:, :, np.newaxis])[:, :, 0]


n = 50
phi = np.linspace(0.0, np.pi, n)
V = np.random.rand(n, 3)
rotated = rotat_vect(phi, V)
