# source: https://github.com/tum-pbs/pbdl-book/pull/10
# A Dense model applied to a 1-D array of samples: Dense needs at least 2 dims, so
# "expected min_ndim=2, found ndim=1. Full shape received: (5,)".
import numpy as np
import keras

X = np.linspace(-1.0, 1.0, 5).astype("float32")
nn = keras.models.Sequential(
    [keras.layers.Dense(10, activation="tanh"), keras.layers.Dense(1, activation="linear")]
)
Y = nn(X)  # expect[SHP001]
