# source: https://github.com/keras-team/keras/issues/13045
# The fix: one attention weight per input value, shape (input_dim,), so the layer scales each
# feature the same way for every sample and works for any batch size.
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
            shape=(input_dim,),
            initializer="uniform",
            name="attention",
            dtype=np.float32,
            trainable=True,
        )
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True
        super(HardAttention, self).build(input_shape)

    def call(self, inputs):
        return inputs * self.attention

    def compute_output_shape(self, input_shape):
        return input_shape


x_train = np.random.rand(8, 3).astype("float32")
attended = HardAttention()(x_train)
model = keras.Sequential([keras.layers.InputLayer(input_shape=(3,)), HardAttention()])
predicted = model.predict(x_train, verbose=0)
