# source: https://github.com/tensorflow/tensorflow/issues/46076
# A Sequential model declared with input_dim=7 is fitted on 3-D data (samples, 7, 169):
# the first Dense layer sees a last axis of 169.
import numpy as np
import keras
from keras.layers import Dense

model = keras.Sequential()
model.add(keras.Input(shape=(7,)))
model.add(Dense(12, activation="relu"))
model.add(Dense(8, activation="relu"))
model.add(Dense(1, activation="sigmoid"))

X = np.random.rand(20, 7, 169).astype("float32")
X = X.mean(axis=2)
preds = model(X)
