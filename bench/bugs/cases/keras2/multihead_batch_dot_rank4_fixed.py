# source: https://github.com/GaoQ1/rasa_chatbot_cn/issues/10
# Batched matrix products over both leading axes with tf.matmul: scores
# (batch, heads, length, length), output (batch, heads, length, size).
import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import backend as K


class Attention(keras.layers.Layer):
    def __init__(self, heads, size_per_head, **kwargs):
        super().__init__(**kwargs)
        self.heads = heads
        self.size_per_head = size_per_head

    def call(self, inputs):
        q, k, v = inputs
        a = tf.matmul(q, k, transpose_b=True) / self.size_per_head**0.5
        a = K.softmax(a)
        o = tf.matmul(a, v)
        return o


batch, heads, length, size = 3, 4, 6, 8
q = K.constant(np.random.rand(batch, heads, length, size))
k = K.constant(np.random.rand(batch, heads, length, size))
v = K.constant(np.random.rand(batch, heads, length, size))
out = Attention(heads, size)([q, k, v])
