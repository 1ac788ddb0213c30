# source: https://github.com/learningmatter-mit/peptimizer/issues/4
# The flatten size computed from SEQ_MAX (a valid convolution of width 3 removes 2 steps).
import numpy as np
import tensorflow as tf

SEQ_MAX = 85
conv = tf.keras.layers.Conv1D(16, kernel_size=3)


def features(x):
    h = conv(x)
    return tf.reshape(h, [-1, (SEQ_MAX - 2) * 16])


peptides = np.random.rand(1, SEQ_MAX, 20).astype("float32")
flat = features(peptides)
