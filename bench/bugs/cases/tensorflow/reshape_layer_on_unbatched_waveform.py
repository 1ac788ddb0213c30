# source: https://github.com/mjpyeon/wavenet-classifier/issues/4
# A tf.data pipeline hands the classifier one waveform at a time, unbatched: the first
# Reshape layer takes the 160 samples as the batch axis, each sample a scalar, and cannot
# make (160, 1) of it ("total size of new array must be unchanged, input_shape = [],
# output_shape = [160, 1]").
import numpy as np
import tensorflow as tf

reshaped_input = tf.keras.layers.Reshape((160, 1), name="reshaped_input")
waveform = tf.constant(np.random.rand(160).astype("float32"))
features = reshaped_input(waveform)  # expect[SHP001]
