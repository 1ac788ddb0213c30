"""The hand-written Dense layer, correct: shapelint stays silent."""

import tensorflow as tf


class MyDense(tf.keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


inputs = tf.keras.Input(shape=(8,))
outputs = MyDense(units=8)(inputs)

q = tf.random.normal((4, 10, 64))
k = tf.random.normal((4, 12, 64))
scores = tf.matmul(q, k, transpose_b=True)
