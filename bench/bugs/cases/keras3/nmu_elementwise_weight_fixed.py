# source: https://github.com/keras-team/keras/issues/15470
# A neural multiplication unit: the weight is (input_dim, output_dim) but is multiplied
# elementwise with the (batch, input_dim) inputs, which only broadcasts when batch == 2.
import numpy as np
import keras
import tensorflow as tf


class NMU(keras.layers.Layer):
    def __init__(self, output_dim, input_dim):
        super().__init__()
        init = np.random.uniform(0.25, 0.75, (input_dim, output_dim)).astype("float32")
        self.weight = tf.Variable(init, dtype="float32", name="weight", trainable=True)

    def call(self, inputs):
        W = tf.minimum(tf.maximum(self.weight, 0), 1)
        output = (inputs[:, :, None] * W) + 1 - W
        return tf.reduce_prod(output, axis=1)


X_TRAIN = np.random.randint(1000, size=(32, 2)).astype("float32")
layer = NMU(2, 2)
products = layer(X_TRAIN)
