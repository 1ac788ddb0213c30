# source: https://github.com/PKU-RL/DGN/issues/8
# Batched matrix products over batch and heads with tf.matmul.
import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import backend as K
from tf_keras.layers import Input, Lambda

neighbours, heads, size = 4, 8, 16
q = Input(shape=(heads, neighbours, size))
k = Input(shape=(heads, neighbours, size))
v = Input(shape=(heads, neighbours, size))
att = Lambda(lambda x: tf.matmul(x[0], x[1], transpose_b=True) / np.sqrt(size))([q, k])
att_ = Lambda(lambda x: K.softmax(x))(att)
out = Lambda(lambda x: tf.matmul(x[0], x[1]))([att_, v])
model = keras.Model([q, k, v], out)
