# source: https://github.com/udacity/intro-to-ml-tensorflow/blob/master/lessons/intro-to-tensorflow/Part_1_Introduction_to_Neural_Networks_with_TensorFlow_(Solution).ipynb
# The single neuron of the TensorFlow intro: "Both features and weights have the same
# shape, (1, 5)", so the matrix product fails with "Matrix size-incompatible: In[0]:
# [1,5], In[1]: [1,5]"; a weight maps the 5 inputs to 1 output, and the elementwise
# sum before it only agrees with a weighted sum because the batch is one sample.
import tensorflow as tf


def sigmoid_activation(x):
    return 1 / (1 + tf.exp(-x))


tf.random.set_seed(7)
features = tf.random.normal((1, 5))
weights = tf.random.normal((1, 5))
bias = tf.random.normal((1, 1))
y = sigmoid_activation(tf.reduce_sum(tf.multiply(features, weights)) + bias)  # expect[SHP003]
y = sigmoid_activation(tf.matmul(features, weights) + bias)  # expect[SHP001,SHP003]
