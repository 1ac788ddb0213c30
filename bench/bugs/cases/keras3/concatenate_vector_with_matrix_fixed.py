# source: https://github.com/keras-team/keras/issues/12975
# The reporter's fix: reshape the scores to a (1024, 1) column, then concatenate on axis 1.
import numpy as np
import keras

scores = keras.ops.convert_to_tensor(np.random.rand(1024).astype("float32"))
features = keras.ops.convert_to_tensor(np.random.rand(1024, 2).astype("float32"))
joined = keras.layers.Concatenate(axis=1)([keras.ops.reshape(scores, (-1, 1)), features])
