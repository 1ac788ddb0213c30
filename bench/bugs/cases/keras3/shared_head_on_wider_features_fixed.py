# source: https://github.com/MarzioMonticelli/python-cryptonet/issues/4
# Each model with a head of its own, built on its own feature width.
import numpy as np
import keras
from keras import layers

full_head = layers.Dense(10, activation="softmax")
reduced_head = layers.Dense(10, activation="softmax")
full = keras.Sequential([keras.Input((14, 14, 1)), layers.Conv2D(5, 5, strides=2), layers.Flatten()])
reduced = keras.Sequential([keras.Input((14, 14, 1)), layers.Conv2D(5, 3, strides=2), layers.Flatten()])

images = np.random.rand(32, 14, 14, 1).astype("float32")
full_scores = full_head(full(images))
reduced_scores = reduced_head(reduced(images))
