# source: https://github.com/chauhan01/Captcha-text-extraction/issues/3
# One output unit per letter class: Dense(len(classes)) matches the binarized targets.
import numpy as np
from tf_keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D
from tf_keras.models import Sequential

rng = np.random.default_rng(1)
letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ234567"))
data = rng.random((60, 30, 30, 1))
labels = rng.choice(letters, size=60)

(train_x, val_x) = data[:48], data[48:]
(train_y, val_y) = labels[:48], labels[48:]
classes = np.unique(labels)
train_y = (train_y[:, None] == classes[None, :]).astype("float32")
val_y = (val_y[:, None] == classes[None, :]).astype("float32")

model = Sequential()
model.add(Conv2D(20, (5, 5), padding="same", input_shape=(30, 30, 1), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))
model.add(Conv2D(50, (5, 5), padding="same", activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))
model.add(Flatten())
model.add(Dense(128, activation="relu"))
model.add(Dropout(0.3))
model.add(Dense(len(classes), activation="softmax"))

model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(train_x, train_y, validation_data=(val_x, val_y), batch_size=32, epochs=1, verbose=0)
