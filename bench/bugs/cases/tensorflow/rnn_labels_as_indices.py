# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-5/43676638-buggy
# An LSTM classifier for MNIST rows reads its labels with one_hot=False, so the labels are
# class indices (batch,) while softmax_cross_entropy_with_logits wants (batch, 10)
# distributions like the logits.
import numpy as np
import tensorflow as tf

n_steps, n_input, n_hidden, n_classes = 28, 28, 32, 10
lstm = tf.keras.layers.LSTM(n_hidden)
weights = tf.Variable(tf.random.normal([n_hidden, n_classes]))
biases = tf.Variable(tf.random.normal([n_classes]))


def rnn_model(x):
    return tf.matmul(lstm(x), weights) + biases


batch_x = np.random.rand(8, n_steps, n_input).astype("float32")
batch_y = np.random.randint(0, n_classes, size=8).astype("float32")
pred = rnn_model(batch_x)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=batch_y, logits=pred))  # expect[SHP001]
