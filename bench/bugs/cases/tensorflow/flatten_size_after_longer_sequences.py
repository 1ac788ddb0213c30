# source: https://github.com/learningmatter-mit/peptimizer/issues/4
# A 1-D CNN over peptide sequences flattens its features with a size worked out for the
# original maximum length; after raising SEQ_MAX the features hold 1328 values per sample,
# not a multiple of 528 ("Input to reshape is a tensor with 1328 values, but the requested
# shape requires a multiple of 528").
import numpy as np
import tensorflow as tf

SEQ_MAX = 85
conv = tf.keras.layers.Conv1D(16, kernel_size=3)


def features(x):
    h = conv(x)
    return tf.reshape(h, [-1, 33 * 16])  # expect[SHP001]


peptides = np.random.rand(1, SEQ_MAX, 20).astype("float32")
flat = features(peptides)
