# source: https://github.com/keras-team/keras/issues/12975
# Joining a per-sample score of shape (1024,) with (1024, 2) features to get (1024, 3):
# the Concatenate layer needs both inputs of the same rank.
import numpy as np
import keras

scores = keras.ops.convert_to_tensor(np.random.rand(1024).astype("float32"))
features = keras.ops.convert_to_tensor(np.random.rand(1024, 2).astype("float32"))
joined = keras.layers.Concatenate()([scores, features])  # expect[SHP001]
