# source: https://github.com/MarzioMonticelli/python-cryptonet/issues/4
# One classification head is shared by the full model and a reduced one: the head's Dense
# layer is built on the full model's 125 features, and the reduced model hands it 180 (the
# report: "expected axis -1 of input shape to have value 180 but received input with shape
# (32, 245)").
import numpy as np
import keras
from keras import layers

head = layers.Dense(10, activation="softmax")
full = keras.Sequential([keras.Input((14, 14, 1)), layers.Conv2D(5, 5, strides=2), layers.Flatten()])
reduced = keras.Sequential([keras.Input((14, 14, 1)), layers.Conv2D(5, 3, strides=2), layers.Flatten()])

images = np.random.rand(32, 14, 14, 1).astype("float32")
full_scores = head(full(images))
reduced_scores = head(reduced(images))  # expect[SHP001]
