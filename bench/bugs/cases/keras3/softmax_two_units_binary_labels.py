# source: http://www.kouhan.cn/en/article/00027281
# Changing the output layer from one sigmoid unit to two softmax units while the labels
# stay (None, 1): categorical_crossentropy gets "Shapes (None, 1) and (None, 2) are
# incompatible".
import keras
import numpy as np
from keras import layers

faces = np.random.rand(6, 12, 12, 1).astype("float32")
labels = np.random.randint(0, 2, size=(6, 1)).astype("float32")
inputs = keras.Input(shape=(12, 12, 1))
x = layers.Conv2D(4, 3, activation="relu")(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
loss = keras.losses.categorical_crossentropy(labels, model(faces))  # expect[SHP001]
