# source: https://github.com/keras-team/keras/issues/7377
# The answer: channels-last tensors concatenate on axis -1.
import numpy as np
import keras
from keras import layers

inputs = keras.Input((24, 24, 1))
conv2 = layers.Conv2D(64, (3, 3), activation="relu", padding="same")(inputs)
pool2 = layers.MaxPooling2D(pool_size=(2, 2))(conv2)
conv3 = layers.Conv2D(128, (3, 3), activation="relu", padding="same")(pool2)
upsam1 = layers.UpSampling2D(size=(2, 2))(conv3)
up1 = layers.Concatenate(axis=-1)([upsam1, conv2])
outputs = layers.Conv2D(1, (1, 1), activation="sigmoid")(up1)
model = keras.Model(inputs, outputs)
