# source: https://github.com/keras-team/keras/issues/14627
# Checking the MSE by hand: the model outputs (404, 1) while the labels are (404,), so
# np.subtract broadcasts to (404, 404) and the hand-computed loss differs from Keras'.
import numpy as np
from keras import layers, models

x_train = np.random.rand(40, 13).astype(np.float32)
y_train = np.random.rand(40).astype(np.float32)

model = models.Sequential()
model.add(layers.Input(shape=(13,)))
model.add(layers.Dense(8, activation="relu"))
model.add(layers.Dense(1))
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model.fit(x_train, y_train, epochs=1, batch_size=10, verbose=0)

predictions = model.predict(x_train, verbose=0)
mse = np.square(np.subtract(y_train[:, None], predictions)).mean()
