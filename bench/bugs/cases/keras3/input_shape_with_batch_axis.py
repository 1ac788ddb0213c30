# source: https://github.com/keras-team/keras/issues/10903
# The simulator's RGB frames are (3, 144, 256); the author prepends a 1 for the batch and
# passes (1, 3, 144, 256) as input_shape, so Keras adds its own batch axis on top and the
# convolution sees five dimensions: "expected ndim=4, found ndim=5".
import keras
from keras.layers import Conv2D, Dense, Flatten
from keras.models import Sequential


def build_rgb_model(rgb):
    rgb_shape = (1,) + rgb
    rgb_model = Sequential()
    rgb_model.add(keras.Input(shape=rgb_shape))
    rgb_model.add(Conv2D(96, (11, 11), strides=(3, 3), padding="valid", activation="relu", data_format="channels_first"))  # expect[SHP001]
    rgb_model.add(Flatten())
    rgb_model.add(Dense(8))
    return rgb_model


rgb_model = build_rgb_model((3, 36, 64))
