# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-5/43676638-fix
# The labels one-hot encoded, as the loss expects.
import numpy as np
import tensorflow as tf

n_steps, n_input, n_hidden, n_classes = 28, 28, 32, 10
lstm = tf.keras.layers.LSTM(n_hidden)
weights = tf.Variable(tf.random.normal([n_hidden, n_classes]))
biases = tf.Variable(tf.random.normal([n_classes]))


def rnn_model(x):
    return tf.matmul(lstm(x), weights) + biases


batch_x = np.random.rand(8, n_steps, n_input).astype("float32")
batch_y = tf.one_hot(np.random.randint(0, n_classes, size=8), n_classes)
pred = rnn_model(batch_x)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=batch_y, logits=pred))
