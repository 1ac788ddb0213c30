# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-1/38167455-buggy
# The MNIST tutorial network with padding='VALID' convolutions: after two 5x5 VALID
# convolutions and two poolings the maps are 4x4, not 7x7, so the reshape to
# [-1, 7 * 7 * 64] cannot split the batch.
import numpy as np
import tensorflow as tf


def weight_variable(shape):
    return tf.Variable(tf.random.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="VALID")


def max_pool_2x2(x):
    return tf.nn.max_pool2d(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


W_conv1 = weight_variable([5, 5, 1, 32])
b_conv1 = bias_variable([32])
W_conv2 = weight_variable([5, 5, 32, 64])
b_conv2 = bias_variable([64])
W_fc1 = weight_variable([7 * 7 * 64, 1024])
b_fc1 = bias_variable([1024])


def model(x):
    x_image = tf.reshape(x, [-1, 28, 28, 1])
    h_pool1 = max_pool_2x2(tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1))
    h_pool2 = max_pool_2x2(tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2))
    h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64])  # expect[SHP001]
    return tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)


batch = np.random.rand(5, 784).astype("float32")
h_fc1 = model(batch)
