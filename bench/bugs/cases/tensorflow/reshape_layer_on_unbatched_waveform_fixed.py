# source: https://github.com/mjpyeon/wavenet-classifier/issues/4
# The waveform batched (dataset.batch or expand_dims) before the model's layers.
import numpy as np
import tensorflow as tf

reshaped_input = tf.keras.layers.Reshape((160, 1), name="reshaped_input")
waveform = tf.constant(np.random.rand(160).astype("float32"))
features = reshaped_input(tf.expand_dims(waveform, 0))
