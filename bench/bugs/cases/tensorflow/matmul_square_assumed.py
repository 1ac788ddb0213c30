# source: https://github.com/tensorflow/tensorflow/issues/98184
# tf.matmul of a (100, 64) matrix with itself: the inner dimensions 64 and 100 differ.
import numpy as np
import tensorflow as tf

input_data = np.random.rand(100, 64).astype(np.float32)
a = tf.constant(input_data)
b = tf.matmul(a, a)  # expect[SHP001]
