# source: http://christopher5106.github.io/deep/learning/2018/10/28/understand-batch-matrix-multiplication.html
# The post's fix: K.batch_dot multiplies the matrices sample by sample, (batch, 3, 5).
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


class PairProduct(keras.layers.Layer):
    def call(self, inputs):
        left, right = inputs
        return K.batch_dot(left, right)


left = keras.Input(shape=(3, 4))
right = keras.Input(shape=(4, 5))
product = PairProduct()([left, right])
model = keras.Model([left, right], product)
out = model.predict([np.ones((2, 3, 4), "float32"), np.ones((2, 4, 5), "float32")], verbose=0)
