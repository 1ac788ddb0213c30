# source: https://github.com/pearsonkyle/Artificial-Art/issues/3
# The images resized to the 96x96 the model was built for.
import numpy as np
import tensorflow as tf

discriminator = tf.keras.Sequential(
    [
        tf.keras.Input((96, 96, 3)),
        tf.keras.layers.Conv2D(8, 3, activation="relu"),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(1),
    ]
)
images = np.random.rand(4, 96, 96, 3).astype("float32")
scores = discriminator(images)
