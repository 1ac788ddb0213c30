# source: https://github.com/brendanhasz/probflow/issues/3
# The discriminator's first dense layer was sized for 7 features but is fitted on the
# first three columns: matmul of (128, 3) with a (7, 128) kernel.
import numpy as np
import tensorflow as tf


class Dense(tf.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.w = tf.Variable(tf.random.normal([d_in, d_out]))
        self.b = tf.Variable(tf.zeros([d_out]))

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b


class Discriminator(tf.Module):
    def __init__(self, dims):
        super().__init__()
        self.layers = [Dense(a, b) for a, b in zip(dims[:-1], dims[1:])]

    def __call__(self, x):
        for layer in self.layers:
            x = tf.nn.relu(layer(x))
        return x


x_meta = np.random.rand(128, 7).astype("float32")
D = Discriminator([7, 128, 1])
logits = D(x_meta)
