# source: https://github.com/keras-team/keras/issues/10408
# The reporter's fix: sum over the last axis, one distance per sample.
import numpy as np
from tf_keras import backend as K


def euclidean_dis_loss(y_true, y_pred):
    return K.sqrt(K.sum(K.square(y_pred - y_true), axis=-1))


y_true = K.constant(np.random.rand(32, 5))
y_pred = K.constant(np.random.rand(32, 5))
sample_weight = K.constant(np.ones(32))
per_sample = euclidean_dis_loss(y_true, y_pred)
weighted = per_sample * sample_weight
