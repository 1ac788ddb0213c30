# source: https://github.com/tensorflow/tensorflow/issues/37683
# A subclassed MNIST model trained on integer labels, evaluated with keras.metrics.Accuracy:
# that metric compares labels and predictions elementwise, (batch,) against
# (batch, 10), and fails with "Incompatible shapes".
import numpy as np
import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv1 = keras.layers.Conv2D(8, 3, activation="relu")
        self.flatten = keras.layers.Flatten()
        self.d1 = keras.layers.Dense(32, activation="relu")
        self.d2 = keras.layers.Dense(10, activation="softmax")

    def call(self, x):
        return self.d2(self.d1(self.flatten(self.conv1(x))))


model = MyModel()
x_batch = np.random.rand(16, 28, 28, 1).astype("float32")
y_batch = np.random.randint(0, 10, size=16)
metric = keras.metrics.Accuracy()
predictions = model(x_batch)
metric.update_state(y_batch, predictions)  # expect[SHP001]
