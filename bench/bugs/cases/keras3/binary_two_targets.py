# source: https://taourl.com/read-2442620.html
# The model ends in Dense(1, sigmoid) but the targets have two columns: "Shapes
# (None, 1) and (None, 2) are incompatible" under binary_crossentropy.
import keras
import numpy as np
from keras.layers import Dense, Input
from keras.models import Sequential

X = np.random.rand(10, 10).astype("float32")
y = np.random.rand(10, 2).astype("float32")
model = Sequential([Input(shape=(10,)), Dense(10, activation="relu"), Dense(1, activation="sigmoid")])
predictions = model(X)
loss = keras.losses.binary_crossentropy(y, predictions)  # expect[SHP001]
