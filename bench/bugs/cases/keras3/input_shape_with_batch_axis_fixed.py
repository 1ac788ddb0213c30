# source: https://github.com/keras-team/keras/issues/10903
# input_shape is one frame, (3, 144, 256); Keras adds the batch axis itself.
import keras
from keras.layers import Conv2D, Dense, Flatten
from keras.models import Sequential


def build_rgb_model(rgb):
    rgb_model = Sequential()
    rgb_model.add(keras.Input(shape=rgb))
    rgb_model.add(Conv2D(96, (11, 11), strides=(3, 3), padding="valid", activation="relu", data_format="channels_first"))
    rgb_model.add(Flatten())
    rgb_model.add(Dense(8))
    return rgb_model


rgb_model = build_rgb_model((3, 36, 64))
