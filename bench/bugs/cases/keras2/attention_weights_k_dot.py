# source: https://github.com/keras-team/keras/issues/3239
# Attention over LSTM outputs: the (batch, 20) weights are applied to the (batch, 20, 300)
# sequence with K.dot, which contracts across the whole batch and gives
# (batch, batch, 300) instead of one (300,) summary per sample.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K

steps, units = 20, 300
sequence = keras.Input(shape=(steps, units))
scores = keras.layers.TimeDistributed(keras.layers.Dense(1))(sequence)
alpha = keras.layers.Dense(steps, activation="softmax")(keras.layers.Flatten()(scores))


def attend(inputs):
    weights, states = inputs
    return K.dot(weights, states)  # expect[SHP004]


summary = keras.layers.Lambda(attend)([alpha, sequence])
model = keras.Model(sequence, summary)
out = model.predict(np.random.rand(4, steps, units).astype("float32"), verbose=0)
