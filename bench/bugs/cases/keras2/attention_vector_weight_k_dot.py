# source: https://github.com/richliao/textClassifier/issues/13
# A hierarchical-attention layer scores each time step with a weight vector of shape
# (dim,): K.dot of the (batch, steps, dim) input with a 1-D weight fails in the
# TensorFlow backend ("pop index out of range").
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class AttLayer(keras.layers.Layer):
    def build(self, input_shape):
        self.W = self.add_weight(name="W", shape=(input_shape[-1],), initializer="normal")
        super().build(input_shape)

    def call(self, x):
        eij = K.tanh(K.dot(x, self.W))  # expect[SHP001]
        ai = K.exp(eij)
        weights = ai / K.sum(ai, axis=1, keepdims=True)
        return K.sum(x * K.expand_dims(weights), axis=1)


layer = AttLayer()
encoded = K.constant(np.random.rand(4, 12, 32))
sentence = layer(encoded)
