# source: https://github.com/keras-team/keras/issues/5447
# The answer: return_sequences=True on the first LSTM hands the second one a sequence.
import numpy as np
from keras.layers import LSTM, Dense, Input
from keras.models import Sequential


def build_model():
    model = Sequential()
    model.add(Input(shape=(10, 64)))
    model.add(LSTM(32, return_sequences=True))
    # for subsequent layers, no need to specify the input size:
    model.add(LSTM(16))
    model.add(Dense(1))
    return model


model = build_model()
out = model.predict(np.zeros((2, 10, 64), "float32"), verbose=0)
