# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-4/44124668-buggy
# A small CNN on 56x56 images trained with a hand-written cross entropy: the labels are
# fed as class indices, shape (batch,), while the loss multiplies them with the (batch, 10)
# log-probabilities ("Incompatible shapes").
import numpy as np
import tensorflow as tf

n_classes = 10


def weight_variable(shape):
    return tf.Variable(tf.random.truncated_normal(shape, stddev=0.1))


def conv2d(x, w):
    return tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    return tf.nn.max_pool2d(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


w_conv1 = weight_variable([5, 5, 3, 8])
w_conv2 = weight_variable([5, 5, 8, 16])
w_fc = weight_variable([14 * 14 * 16, n_classes])


def model(images):
    h = max_pool_2x2(tf.nn.relu(conv2d(images, w_conv1)))
    h = max_pool_2x2(tf.nn.relu(conv2d(h, w_conv2)))
    flat = tf.reshape(h, [-1, 14 * 14 * 16])
    return tf.nn.softmax(tf.matmul(flat, w_fc))


images = tf.constant(np.random.normal(0, 0.1, [6, 56, 56, 3]), dtype=tf.float32)
labels = tf.constant(np.random.randint(0, 9, size=6), dtype=tf.float32)
y_conv = model(images)
cross_entropy = -tf.reduce_sum(labels * tf.math.log(y_conv))  # expect[SHP001]
