# source: https://github.com/tensorflow/tensorflow/issues/24667
# Class-index labels with the sparse form of the loss.
import numpy as np
import keras

n_classes = 179
model = keras.Sequential(
    [
        keras.Input((24, 24, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.AveragePooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(n_classes, activation="softmax"),
    ]
)
images = np.random.rand(4, 24, 24, 1).astype("float32")
labels = np.random.randint(0, n_classes, size=4)
probabilities = model(images)
loss = keras.losses.sparse_categorical_crossentropy(labels, probabilities)
