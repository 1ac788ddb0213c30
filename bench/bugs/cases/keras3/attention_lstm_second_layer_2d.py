# source: https://github.com/bibtissam/LSTM-Attention-FraudDetection/pull/3
# The LSTM-attention fraud model feeds the first LSTM's final state, (None, 50), into a
# second LSTM: "Input 0 of layer "lstm_1" is incompatible with the layer: expected ndim=3,
# found ndim=2. Full shape received: (None, 50)". The PR adds return_sequences=True.
import numpy as np
from keras.layers import LSTM, Dense, Input
from keras.models import Model

timesteps, n_features = 12, 6


def build_model():
    inputs = Input(shape=(timesteps, n_features))
    x1 = LSTM(50, dropout=0.3, recurrent_dropout=0.2)(inputs)
    x2 = LSTM(50, dropout=0.3, recurrent_dropout=0.2)(x1)  # expect[SHP001]
    outputs = Dense(1, activation="sigmoid")(x2)
    return Model(inputs, outputs)


model = build_model()
model.compile(optimizer="adam", loss="binary_crossentropy")
scores = model.predict(np.random.rand(4, timesteps, n_features).astype("float32"), verbose=0)
