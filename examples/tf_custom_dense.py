"""A hand-written Dense layer in TensorFlow whose `call` multiplies where it should matmul."""

import tensorflow as tf


class MyDense(tf.keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.multiply(inputs, self.w) + self.b  # SHP002: 16


inputs = tf.keras.Input(shape=(8,))
outputs = MyDense(units=8)(inputs)

# Attention scores need the keys transposed.
q = tf.random.normal((4, 10, 64))
k = tf.random.normal((4, 12, 64))
scores = tf.matmul(q, k)  # SHP001: 10
