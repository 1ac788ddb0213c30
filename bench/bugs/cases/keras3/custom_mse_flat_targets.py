# source: https://github.com/keras-team/keras/issues/16836
# A loss written by hand for a custom train step: the model predicts (80, 1) while the
# targets are a flat (80,) vector, so y_pred - y_true is an (80, 80) matrix and the loss
# is far from the one model.compile reports.
import numpy as np
import keras
from keras import ops


def squared_error(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=-1)  # expect[SHP006]


x = np.concatenate((np.zeros((40, 1)), np.ones((40, 1)))).astype("float32")
y_true = (np.random.rand(80) * 100).astype("float32")
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
y_pred = model(x, training=True)
loss = ops.mean(squared_error(y_true, y_pred))
