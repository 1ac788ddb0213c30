# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-11/41192992-fix
# The batch kept channels-last, as the model's input says.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential(
    [tf.keras.Input((32, 32, 3)), tf.keras.layers.Conv2D(4, 3), tf.keras.layers.GlobalAveragePooling2D()]
)
img = np.random.rand(32, 32, 3).astype("float32")
batch = np.expand_dims(img, axis=0)
batch_nchw = np.transpose(batch, [0, 3, 1, 2])
features = model(batch)
