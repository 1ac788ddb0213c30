# source: https://github.com/tensorflow/tensorflow/issues/43653
# tf.keras.backend.dot with a 3-D second argument contracts x's last axis with y's
# second-to-last axis (as NumPy does), not with y's first: (1, 2) . (2, 3, 4) fails.
import numpy as np
import tensorflow as tf
from tf_keras import backend as K


def project(features, basis):
    return tf.tensordot(features, basis, axes=(-1, 0))


features = K.constant(np.ones((1, 2), dtype="float32"))
basis = K.constant(np.ones((2, 3, 4), dtype="float32"))
projected = project(features, basis)
