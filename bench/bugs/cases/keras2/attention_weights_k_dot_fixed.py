# source: https://github.com/keras-team/keras/issues/3239
# One weighted sum per sample: K.batch_dot over the time axis gives (batch, 300).
import numpy as np
import tf_keras as keras
from tf_keras import backend as K

steps, units = 20, 300
sequence = keras.Input(shape=(steps, units))
scores = keras.layers.TimeDistributed(keras.layers.Dense(1))(sequence)
alpha = keras.layers.Dense(steps, activation="softmax")(keras.layers.Flatten()(scores))


def attend(inputs):
    weights, states = inputs
    return K.batch_dot(weights, states, axes=[1, 1])


summary = keras.layers.Lambda(attend)([alpha, sequence])
model = keras.Model(sequence, summary)
out = model.predict(np.random.rand(4, steps, units).astype("float32"), verbose=0)
