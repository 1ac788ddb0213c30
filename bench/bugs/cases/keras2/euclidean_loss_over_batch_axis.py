# source: https://github.com/keras-team/keras/issues/10408
# A Euclidean-distance loss sums over axis 0, the batch, so it returns one value per vector
# component (5,) instead of one per sample (32,); weighting it per sample fails
# ("Incompatible shapes: [5] vs. [32]").
import numpy as np
from tf_keras import backend as K


def euclidean_dis_loss(y_true, y_pred):
    return K.sqrt(K.sum(K.square(y_pred - y_true), axis=0))


y_true = K.constant(np.random.rand(32, 5))
y_pred = K.constant(np.random.rand(32, 5))
sample_weight = K.constant(np.ones(32))
per_sample = euclidean_dis_loss(y_true, y_pred)
weighted = per_sample * sample_weight  # expect[SHP001]
