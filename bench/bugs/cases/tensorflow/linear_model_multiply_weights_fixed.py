# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-10/36343542-fix
# A weighted sum per sample: the inputs times a (6, 1) weight column, flattened to (n,).
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(20180130)
data = rng.integers(0, 2, size=(10, 7)).astype("float32")
train_x = tf.constant(data[:, :-1])
train_y = tf.constant(data[:, -1])
n_samples = data.shape[0]

W = tf.Variable(tf.zeros([6, 1]), name="weight")
b = tf.Variable(tf.zeros([1]), name="bias")


def linear_model(x):
    return tf.reshape(tf.add(tf.matmul(x, W), b), [-1])


def l2_cost(x, y):
    activation = linear_model(x)
    return tf.reduce_sum(tf.pow(activation - y, 2)) / (2 * n_samples)


cost = l2_cost(train_x, train_y)
