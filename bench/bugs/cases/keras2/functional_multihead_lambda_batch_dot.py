# source: https://github.com/PKU-RL/DGN/issues/8
# DGN's multi-head attention in the functional API: queries and keys shaped
# (batch, heads, neighbours, size) go through K.batch_dot in Lambda layers, which keeps only
# the first axis as the batch; the second product then fails.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K
from tf_keras.layers import Input, Lambda

neighbours, heads, size = 4, 8, 16
q = Input(shape=(heads, neighbours, size))
k = Input(shape=(heads, neighbours, size))
v = Input(shape=(heads, neighbours, size))
att = Lambda(lambda x: K.batch_dot(x[0], x[1], axes=[3, 3]) / np.sqrt(size))([q, k])
att_ = Lambda(lambda x: K.softmax(x))(att)
out = Lambda(lambda x: K.batch_dot(x[0], x[1], axes=[3, 2]))([att_, v])  # expect[SHP001]
model = keras.Model([q, k, v], out)
