# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-9/40574552-buggy
# The labels were built as one row, shape (1, n_data), while the logits are (n_data, 2):
# softmax_cross_entropy_with_logits needs labels shaped like the logits.
import random

import numpy as np
import tensorflow as tf

n_feature = 10
n_data = 50
data = np.random.normal(0, 0.1, [n_data, n_feature]).astype("float32")
classes = [random.randint(0, 1) for _ in range(n_data)]
label = np.eye(2, dtype="float32")[classes]
sizeOfRow = len(data[0])
W = tf.Variable(tf.zeros([sizeOfRow, 2]))
B = tf.Variable(tf.zeros([2]))


def neural_network_model(x):
    return tf.matmul(x, W) + B


def train(x, y):
    prediction = neural_network_model(x)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=prediction, labels=y))
    return cost


loss = train(data, label)
