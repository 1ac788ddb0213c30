# source: https://github.com/bojone/seq2seq/issues/17
# Under TF 2.6 / Keras 2.6 the seq2seq attention's batch_dot of two 4-D (batch, heads,
# steps, size) tensors returns a 5-D tensor, so `K.permute_dimensions(a, (0, 3, 2, 1))`
# fails: "Dimension must be 5 but is 4".
import tensorflow as tf
import tf_keras as keras
from tf_keras import backend as K


class Attention(keras.layers.Layer):
    def __init__(self, heads, size_per_head, **kwargs):
        super().__init__(**kwargs)
        self.heads = heads
        self.size_per_head = size_per_head
        self.out_dim = heads * size_per_head

    def build(self, input_shape):
        self.q_kernel = keras.layers.Dense(self.out_dim, use_bias=False)
        self.k_kernel = keras.layers.Dense(self.out_dim, use_bias=False)
        self.v_kernel = keras.layers.Dense(self.out_dim, use_bias=False)

    def split_heads(self, x):
        x = K.reshape(x, (-1, K.shape(x)[1], self.heads, self.size_per_head))
        return K.permute_dimensions(x, (0, 2, 1, 3))

    def call(self, inputs):
        q, k, v, v_mask = inputs
        qw = self.split_heads(self.q_kernel(q))
        kw = self.split_heads(self.k_kernel(k))
        vw = self.split_heads(self.v_kernel(v))
        a = tf.einsum("bhjd,bhkd->bhjk", qw, kw) / self.size_per_head**0.5
        a = a - (1 - v_mask[:, None, None, :]) * 1e10
        a = K.softmax(a)
        o = tf.einsum("bhjk,bhkd->bhjd", a, vw)
        o = K.permute_dimensions(o, (0, 2, 1, 3))
        return K.reshape(o, (-1, K.shape(o)[1], self.out_dim))


x = K.random_normal((2, 7, 16))
y = K.random_normal((2, 5, 16))
x_mask = K.ones((2, 7))
xy = Attention(8, 16)([y, x, x, x_mask])
