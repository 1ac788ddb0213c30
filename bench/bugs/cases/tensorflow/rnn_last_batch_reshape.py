# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/Others-2/45111293-buggy
# Training an LSTM on 28x28 rows in batches of 10: each batch is reshaped to
# (batch_size, n_chunks, chunk_size), but the last slice of X_train holds fewer than
# batch_size images, so the reshape fails on the final batch of the epoch.
import numpy as np
import tensorflow as tf

n_data = 45
n_classes = 4
batch_size = 10
chunk_size = 28
n_chunks = 28
rnn_size = 16

rng = np.random.default_rng(20180130)
X_train = rng.normal(0, 1, (n_data, 28, 28)).astype("float32")
y_train = rng.integers(0, n_classes, n_data)
y_1Hot_train = tf.one_hot(y_train, n_classes)

lstm = tf.keras.layers.RNN(tf.keras.layers.LSTMCell(rnn_size))
weights = tf.Variable(tf.random.normal([rnn_size, n_classes]))
biases = tf.Variable(tf.random.normal([n_classes]))


def rnn_model(x):
    outputs = lstm(x)
    return tf.matmul(outputs, weights) + biases


def train_neural_network():
    epoch_loss = 0.0
    i = 0
    while i < len(X_train):
        start = i
        end = i + batch_size
        batch_x = np.array(X_train[start:end])
        batch_x = batch_x.reshape((batch_size, n_chunks, chunk_size))  # expect[SHP001]
        batch_y = y_1Hot_train[start:end]
        prediction = rnn_model(batch_x)
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=prediction, labels=batch_y))
        epoch_loss += float(cost)
        i += batch_size
    return epoch_loss


loss = train_neural_network()
