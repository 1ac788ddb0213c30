# source: https://github.com/Sentdex/pygta5/issues/148
# The self-driving test loop hands one captured frame, (height, width, 3), to model.predict:
# predict takes the first axis as the batch, so the CNN receives (32, width, 3) slices and
# fails with "expected ndim=4, found ndim=3". The reporter's fix was an np.reshape to a
# batch of one.
import numpy as np
from tf_keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
from tf_keras.models import Sequential

WIDTH = 48
HEIGHT = 27


def xception_like(width, height, outputs):
    model = Sequential()
    model.add(Conv2D(16, (3, 3), activation="relu", input_shape=(height, width, 3)))
    model.add(MaxPooling2D((2, 2)))
    model.add(Conv2D(32, (3, 3), activation="relu"))
    model.add(Flatten())
    model.add(Dense(outputs, activation="softmax"))
    return model


model = xception_like(WIDTH, HEIGHT, 9)
model.compile(optimizer="adam", loss="categorical_crossentropy")

for frame in range(2):
    screen = np.random.rand(HEIGHT, WIDTH, 3).astype("float32")
    prediction = model.predict([screen], verbose=0)[0]  # expect[SHP001]
    choice = int(np.argmax(prediction))
