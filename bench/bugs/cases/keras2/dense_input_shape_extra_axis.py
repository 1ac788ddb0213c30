# source: https://github.com/karolzak/keras-unet/issues/51
# A regression network declared with input_shape=(1, 3) trained on (1700, 3) features:
# "Input 0 of layer "sequential_1" is incompatible with the layer: expected
# shape=(None, 1, 3), found shape=(None, 3)".
import numpy as np
import tf_keras as keras

features = np.random.rand(17, 3).astype("float32")
labels = np.random.rand(17).astype("float32")
nn_model = keras.Sequential(
    [
        keras.layers.Dense(8, activation="relu", input_shape=(1, 3)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(1),
    ]
)
predictions = nn_model(features)  # expect[SHP001]
