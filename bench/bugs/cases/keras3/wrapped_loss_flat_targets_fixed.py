# source: https://github.com/keras-team/keras/issues/19662
# Targets given the (batch, 1) shape of the predictions, as the report found works.
import numpy as np
import keras


class LossWrapperInherit(keras.losses.Loss):
    def __init__(self, loss):
        super().__init__()
        self.loss = loss

    def call(self, y_true, y_pred):
        return self.loss(y_true, y_pred)


x = np.random.rand(32, 1).astype("float32")
y = np.random.randint(0, 2, size=(32, 1))
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="sgd", loss=LossWrapperInherit(keras.losses.get("binary_crossentropy")))
model.fit(x, y, batch_size=16, epochs=1, verbose=0)
