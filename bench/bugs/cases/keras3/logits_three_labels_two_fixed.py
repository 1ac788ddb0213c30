# source: https://taourl.com/read-2175576.html
# A CNN whose last Dense has 3 units trained on labels one-hot encoded for 2 classes:
# "'logits' and 'labels' must have the same shape, received ((None, 3) vs (None, 2))".
import keras
import numpy as np
from keras.layers import Conv2D, Dense, Flatten, Input
from keras.models import Sequential

X_train = np.random.normal(size=(8, 8, 8, 3)).astype("float32")
y_train = np.eye(2, dtype="float32")[np.random.randint(0, 2, 8)]
model = Sequential([Input(shape=(8, 8, 3)), Conv2D(4, (3, 3), activation="relu"), Flatten(), Dense(2, activation="softmax")])
probs = model(X_train)
loss = keras.losses.categorical_crossentropy(y_train, probs)
