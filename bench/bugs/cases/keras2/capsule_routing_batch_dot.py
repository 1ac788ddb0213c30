# source: https://github.com/XifengGuo/CapsNet-Keras/issues/116
# Dynamic routing written for the old batch_dot: on newer TensorFlow
# K.batch_dot(c, inputs_hat, [2, 2]) keeps both capsule axes, (None, 10, 10, 16), and the
# agreement update fails: "Can not do batch_dot on inputs with shapes (None, 10, 10,
# 1152, 16) and (None, 10, None, 1152, 16) with axes=[2, 3]".
import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import backend as K


def squash(vectors, axis=-1):
    s_squared_norm = K.sum(K.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / K.sqrt(s_squared_norm + K.epsilon())
    return scale * vectors


class CapsuleLayer(keras.layers.Layer):
    def __init__(self, num_capsule, dim_capsule, routings=3, **kwargs):
        super().__init__(**kwargs)
        self.num_capsule = num_capsule
        self.dim_capsule = dim_capsule
        self.routings = routings

    def build(self, input_shape):
        self.input_num_capsule = input_shape[1]
        self.input_dim_capsule = input_shape[2]
        self.W = self.add_weight(
            shape=[self.num_capsule, self.input_num_capsule, self.dim_capsule, self.input_dim_capsule],
            initializer="glorot_uniform",
            name="W",
        )

    def call(self, inputs):
        inputs_expand = K.expand_dims(inputs, 1)
        inputs_tiled = K.tile(inputs_expand, [1, self.num_capsule, 1, 1])
        inputs_hat = tf.einsum("bnmi,nmdi->bnmd", inputs_tiled, self.W)
        b = tf.zeros(shape=[K.shape(inputs_hat)[0], self.num_capsule, self.input_num_capsule])
        for i in range(self.routings):
            c = tf.nn.softmax(b, axis=1)
            outputs = squash(K.batch_dot(c, inputs_hat, [2, 2]))
            if i < self.routings - 1:
                b += K.batch_dot(outputs, inputs_hat, [2, 3])  # expect[SHP001]
        return outputs


primary_caps = K.constant(np.random.rand(2, 12, 8).astype("float32"))
digitcaps = CapsuleLayer(num_capsule=10, dim_capsule=16, name="digitcaps")(primary_caps)
