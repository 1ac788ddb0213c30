# source: https://github.com/tensorflow/tensorflow/issues/46478
# The text CNN was built for sequences of 28 tokens, but the training data is padded
# to 934: after Embedding and Flatten the Dense layer gets far more features.
import numpy as np
import keras
from keras import layers

maxlen, vocab, dim = 7, 50, 4
model = keras.Sequential(
    [
        keras.Input(shape=(maxlen,)),
        layers.Embedding(vocab, dim),
        layers.Flatten(),
        layers.Dense(3, activation="softmax"),
    ]
)
X_train = np.random.randint(0, vocab, size=(6, 9))
probs = model(X_train)  # expect[SHP001]
