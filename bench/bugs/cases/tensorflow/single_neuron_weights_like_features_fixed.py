# source: https://github.com/udacity/intro-to-ml-tensorflow/blob/master/lessons/intro-to-tensorflow/Part_1_Introduction_to_Neural_Networks_with_TensorFlow_(Solution).ipynb
# As the notebook's multi-layer part does: the weight is (n_input, n_output), sized from
# the number of features, so features @ weights is (1, 5) @ (5, 1).
import tensorflow as tf


def sigmoid_activation(x):
    return 1 / (1 + tf.exp(-x))


tf.random.set_seed(7)
features = tf.random.normal((1, 5))
n_input = features.shape[1]
n_output = 1
weights = tf.random.normal((n_input, n_output))
bias = tf.random.normal((1, 1))
y = sigmoid_activation(tf.matmul(features, weights) + bias)
