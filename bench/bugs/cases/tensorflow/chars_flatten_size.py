# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-12/43285733-buggy
# 30x30 character images pooled twice with SAME padding give 8x8 maps, but the network
# flattens them as 4x4: the reshape silently quadruples the batch, and the loss against
# the (batch, 62) labels fails.
import numpy as np
import tensorflow as tf


def weight_variable(shape):
    return tf.Variable(tf.random.truncated_normal(shape, stddev=0.1))


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    return tf.nn.max_pool2d(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


W_conv1 = weight_variable([5, 5, 1, 32])
W_conv2 = weight_variable([5, 5, 32, 64])
W_fc1 = weight_variable([4 * 4 * 64, 1024])
W_fc2 = weight_variable([1024, 62])


def forward(x):
    x_image = tf.reshape(x, [-1, 30, 30, 1])
    h_pool1 = max_pool_2x2(tf.nn.relu(conv2d(x_image, W_conv1)))
    h_pool2 = max_pool_2x2(tf.nn.relu(conv2d(h_pool1, W_conv2)))
    h_pool2_flat = tf.reshape(h_pool2, [-1, 4 * 4 * 64])
    h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1))
    return tf.matmul(h_fc1, W_fc2)


batch_size = 10
x = np.random.rand(batch_size, 900).astype("float32")
y_ = np.eye(62, dtype="float32")[np.random.randint(0, 62, batch_size)]
y_conv = forward(x)
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))  # expect[SHP001]
