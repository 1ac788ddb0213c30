"""Keras 2 backend products, correct: shapelint stays silent."""

from tensorflow.keras import backend as K

queries = K.ones((2, 3, 4))
keys = K.ones((2, 4, 5))
scores = K.batch_dot(queries, keys, axes=(2, 1))

weights = K.ones((4, 6))
projected = K.dot(queries, weights)
