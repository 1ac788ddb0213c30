# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-6/35295191-buggy
# The word embeddings (batch, n_input, embedding) go through the perceptron without
# being aggregated per example, so the logits are (batch, n_input, 1) and do not match
# the (batch, n_classes) labels.
import numpy as np
import tensorflow as tf

n_input, n_classes, vocab_size, embedding_size, o1, o2 = 30, 10, 100, 16, 8, 4
weights = {
    "out": tf.random.uniform([o2, n_classes]),
    "h1": tf.random.uniform([embedding_size, o1]),
    "h2": tf.random.uniform([o1, o2]),
}
biases = {"out": tf.random.uniform([n_classes]), "b1": tf.random.uniform([o1]), "b2": tf.random.uniform([o2])}
W = tf.Variable(tf.random.uniform([vocab_size, embedding_size], -1.0, 1.0), name="W")


def multilayer_perceptron(_X, _weights, _biases):
    embedding_layer = tf.nn.embedding_lookup(W, _X)
    embedding_aggregated = tf.reduce_sum(embedding_layer, [1])
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(embedding_aggregated, _weights["h1"]), _biases["b1"]))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, _weights["h2"]), _biases["b2"]))
    return tf.matmul(layer_2, weights["out"]) + biases["out"]


x = np.random.randint(0, 10, [2, n_input])
y = np.eye(n_classes, dtype="float32")[[0, 1]]
pred = multilayer_perceptron(x, weights, biases)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=pred, labels=y))
