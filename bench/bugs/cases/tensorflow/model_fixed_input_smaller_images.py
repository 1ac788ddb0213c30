# source: https://github.com/pearsonkyle/Artificial-Art/issues/3
# A tf.keras generator/discriminator built for 96x96 images flattens into a Dense layer
# sized for that input; fed 54x54 images the flattened width differs ("expected axis -1 of
# input shape to have value 36992 but received input with shape [None, 10368]").
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
images = np.random.rand(4, 54, 54, 3).astype("float32")
scores = discriminator(images)  # expect[SHP001]
