# source: https://github.com/keras-team/keras/issues/19367
# The convolutions were built for 128x128 images but the data is 256x256: after Flatten
# the Dense layer receives four times the features it was built for.
import numpy as np
from keras.layers import Conv2D, Dense, Flatten, Input, MaxPool2D
from keras.models import Sequential

model = Sequential(
    [
        Input(shape=(16, 16, 3)),
        Conv2D(8, (3, 3), padding="same", activation="relu"),
        MaxPool2D((2, 2)),
        Flatten(),
        Dense(10, activation="softmax"),
    ]
)
images = np.random.rand(4, 32, 32, 3).astype("float32")
scores = model(images)  # expect[SHP001]
