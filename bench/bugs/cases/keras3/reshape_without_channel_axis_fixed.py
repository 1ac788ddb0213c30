# source: https://github.com/keras-team/keras/issues/3385
# The answer: reshape to (57, 47, 1) so the convolution sees one channel.
import keras
from keras.layers import Activation, Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Reshape
from keras.models import Sequential


def build_model():
    model = Sequential()
    model.add(keras.Input(shape=(2679,)))
    model.add(Reshape((57, 47, 1)))
    model.add(Conv2D(10, (5, 5), padding="same"))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.5))
    model.add(Flatten())
    model.add(Dense(40))
    model.add(Activation("softmax"))
    return model


model = build_model()
