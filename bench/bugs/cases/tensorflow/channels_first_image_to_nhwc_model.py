# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-11/41192992-buggy
# An image loaded as (height, width, 3) is batched and transposed to channels-first, as a
# Theano-era tutorial did, then fed to a channels-last TensorFlow model expecting
# (None, 32, 32, 3).
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential(
    [tf.keras.Input((32, 32, 3)), tf.keras.layers.Conv2D(4, 3), tf.keras.layers.GlobalAveragePooling2D()]
)
img = np.random.rand(32, 32, 3).astype("float32")
batch = np.expand_dims(img, axis=0)
batch_nchw = np.transpose(batch, [0, 3, 1, 2])
features = model(batch_nchw)  # expect[SHP001]
