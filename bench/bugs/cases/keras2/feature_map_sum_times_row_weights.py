# source: https://github.com/keras-team/keras/issues/4654
# A custom layer sums (batch, maps, 12, 3) feature maps over the maps and scales the
# result by a weight per row, W of shape (12,); the (batch, 12, 3) sum aligns its last
# axis (3) with W and the elementwise product fails ("Input dimension mis-match").
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class RowWeighting(keras.layers.Layer):
    def build(self, input_shape):
        self.W = self.add_weight(name="W", shape=(input_shape[2],), initializer="ones")
        super().build(input_shape)

    def call(self, x):
        s_x = K.sum(x, axis=1)
        return s_x * self.W  # expect[SHP001]


layer = RowWeighting()
maps = K.constant(np.random.rand(4, 5, 12, 3))
weighted = layer(maps)
