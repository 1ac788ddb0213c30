# source: https://github.com/keras-team/keras/issues/5447
# The recurrent-layer docs' two snippets run together: the first LSTM returns only its last
# output, (None, 32), and the second LSTM needs a (batch, timesteps, features) sequence:
# "Input 0 is incompatible with layer lstm_2: expected ndim=3, found ndim=2".
import numpy as np
from keras.layers import LSTM, Dense, Input
from keras.models import Sequential


def build_model():
    model = Sequential()
    model.add(Input(shape=(10, 64)))
    model.add(LSTM(32))
    # for subsequent layers, no need to specify the input size:
    model.add(LSTM(16))  # expect[SHP001]
    model.add(Dense(1))
    return model


model = build_model()
out = model.predict(np.zeros((2, 10, 64), "float32"), verbose=0)
