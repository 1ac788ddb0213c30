# source: https://github.com/tensorflow/tensorflow/issues/44946
# A tf.keras classifier ends in a 10-way softmax and is compiled with
# categorical_crossentropy, but the labels are one integer per sample, a (n, 1) column:
# "Shapes (None, 1) and (None, 10) are incompatible".
import numpy as np
import tensorflow as tf

features = np.random.rand(32, 12).astype("float32")
labels = np.random.randint(0, 10, size=(32, 1))
model = tf.keras.Sequential(
    [
        tf.keras.Input((12,)),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
history = model.fit(features, labels, epochs=1, batch_size=8, verbose=0)  # expect[SHP001]
