# source: https://github.com/GaoQ1/rasa_chatbot_cn/issues/10
# Multi-head attention with K.batch_dot on (batch, heads, length, size) tensors: the
# TensorFlow backend keeps only the first axis as the batch, so the scores come out as
# (batch, heads, length, heads, length) and the product with the values fails.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class Attention(keras.layers.Layer):
    def __init__(self, heads, size_per_head, **kwargs):
        super().__init__(**kwargs)
        self.heads = heads
        self.size_per_head = size_per_head

    def call(self, inputs):
        q, k, v = inputs
        a = K.batch_dot(q, k, axes=[3, 3]) / self.size_per_head**0.5
        a = K.softmax(a)
        o = K.batch_dot(a, v, axes=[3, 2])  # expect[SHP001]
        return o


batch, heads, length, size = 3, 4, 6, 8
q = K.constant(np.random.rand(batch, heads, length, size))
k = K.constant(np.random.rand(batch, heads, length, size))
v = K.constant(np.random.rand(batch, heads, length, size))
out = Attention(heads, size)([q, k, v])
