# source: https://github.com/keras-team/keras/issues/13045
# A "hard attention" layer learns one weight per input value: build() creates it with
# add_weight(shape=input_shape), the whole input shape including the batch axis, and call()
# multiplies the inputs by it. Called on a batch of 8 samples of 3 values the layer builds an
# (8, 3) weight, one row per sample of that batch, instead of one weight per input value.
import numpy as np
import tf_keras as keras
from tf_keras.layers import InputSpec, Layer


class HardAttention(Layer):
    def __init__(self, **kwargs):
        super(HardAttention, self).__init__(**kwargs)
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.attention = self.add_weight(
            shape=input_shape,
            initializer="uniform",
            name="attention",
            dtype=np.float32,
            trainable=True,
        )
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True
        super(HardAttention, self).build(input_shape)

    def call(self, inputs):
        return inputs * self.attention  # expect[SHP003]

    def compute_output_shape(self, input_shape):
        return input_shape


x_train = np.random.rand(8, 3).astype("float32")
attended = HardAttention()(x_train)
