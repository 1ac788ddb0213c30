"""Keras 2 backend products: `K.dot` is not a batched matrix product."""

from tensorflow.keras import backend as K

queries = K.ones((2, 3, 4))
keys = K.ones((7, 4, 5))

# N-D dot multiplies the batch dims out: (2, 3, 4) . (7, 4, 5) is (2, 3, 7, 5).
scores = K.dot(queries, keys)  # SHP004: 10

# The contracted dims differ: 4 vs 6.
values = K.ones((6, 2))
context = K.dot(queries, values)  # SHP001: 11
