# source: https://github.com/keras-team/keras/issues/4654
# The suggestion in the thread: give W a trailing unit axis, (12, 1), so it scales rows.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class RowWeighting(keras.layers.Layer):
    def build(self, input_shape):
        self.W = self.add_weight(name="W", shape=(input_shape[2], 1), initializer="ones")
        super().build(input_shape)

    def call(self, x):
        s_x = K.sum(x, axis=1)
        return s_x * self.W


layer = RowWeighting()
maps = K.constant(np.random.rand(4, 5, 12, 3))
weighted = layer(maps)
