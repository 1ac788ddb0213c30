# source: https://github.com/keras-team/keras/issues/8813
# One weight per pair, matching the 8 pair losses.
import numpy as np
import tf_keras as keras
from tf_keras import backend as K


def custom_loss(y_true, y_pred):
    y_true = K.reshape(y_true, [-1, 2])
    y_pred = K.softmax(K.reshape(y_pred, [-1, 2]))
    return keras.losses.categorical_crossentropy(y_true, y_pred)


labels = np.zeros((16, 1), dtype="float32")
labels[::2] = 1
outputs = K.constant(labels + np.random.rand(16, 1).astype("float32"))
sample_weight = K.constant(np.ones(8, dtype="float32"))  # one weight per pair
weighted = custom_loss(K.constant(labels), outputs) * sample_weight
