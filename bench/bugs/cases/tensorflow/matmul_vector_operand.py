# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-8/34908033-buggy
# tf.matmul of a (2, 2) matrix and a (2,) vector: matmul needs a rank-2 operand.
import numpy as np
import tensorflow as tf

data = np.array([0.1, 0.2], dtype=np.float32)
T1 = tf.Variable(tf.ones([2, 2]))


@tf.function
def layer(x):
    return tf.matmul(T1, x)  # expect[SHP001]


l1 = layer(tf.constant(data))
