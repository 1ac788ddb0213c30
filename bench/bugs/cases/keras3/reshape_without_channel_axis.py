# source: https://github.com/keras-team/keras/issues/3385
# Flat 2679-pixel face vectors are reshaped to (57, 47) and fed to a 2-D convolution, which
# needs a channel axis: "Input 0 is incompatible with layer conv2d: expected ndim=4,
# found ndim=3". The answer: Reshape to (57, 47, 1).
import keras
from keras.layers import Activation, Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Reshape
from keras.models import Sequential


def build_model():
    model = Sequential()
    model.add(keras.Input(shape=(2679,)))
    model.add(Reshape((57, 47)))
    model.add(Conv2D(10, (5, 5), padding="same"))  # expect[SHP001]
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.5))
    model.add(Flatten())
    model.add(Dense(40))
    model.add(Activation("softmax"))
    return model


model = build_model()
