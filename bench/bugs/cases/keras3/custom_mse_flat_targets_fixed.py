# source: https://github.com/keras-team/keras/issues/16836
# The targets given the model's (80, 1) shape before the hand-written loss.
import numpy as np
import keras
from keras import ops


def squared_error(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=-1)


x = np.concatenate((np.zeros((40, 1)), np.ones((40, 1)))).astype("float32")
y_true = (np.random.rand(80) * 100).astype("float32").reshape(-1, 1)
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
y_pred = model(x, training=True)
loss = ops.mean(squared_error(y_true, y_pred))
