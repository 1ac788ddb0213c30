# source: http://christopher5106.github.io/deep/learning/2018/10/28/understand-batch-matrix-multiplication.html
# One (3, 4) x (4, 5) product per sample written with K.dot: on (batch, 3, 4) and (batch, 4, 5)
# K.dot contracts the 4s and keeps every other axis of both operands, so the layer returns
# (batch, 3, batch, 5), every sample's left matrix times every sample's right one.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class PairProduct(keras.layers.Layer):
    def call(self, inputs):
        left, right = inputs
        return K.dot(left, right)  # expect[SHP004]


left = keras.Input(shape=(3, 4))
right = keras.Input(shape=(4, 5))
product = PairProduct()([left, right])
model = keras.Model([left, right], product)
out = model.predict([np.ones((2, 3, 4), "float32"), np.ones((2, 4, 5), "float32")], verbose=0)
