# source: https://github.com/MiteshPuthran/Speech-Emotion-Analyzer/issues/52
# The notebook's CNN ends in Dense(10) for its ten gender/emotion classes; trained on data
# with four emotion labels, the one-hot targets are (n, 4) and fit fails: "Shapes (None, 4)
# and (None, 10) are incompatible".
import numpy as np
import tf_keras as keras
from tf_keras.layers import Activation, Conv1D, Dense, Dropout, Flatten, MaxPooling1D
from tf_keras.models import Sequential
from tf_keras.utils import to_categorical

rng = np.random.default_rng(0)
emotions = np.array(["angry", "calm", "happy", "sad"])
trainlabel = rng.choice(emotions, size=16)
trainfeatures = rng.normal(size=(16, 216)).astype("float32")

X_train = np.array(trainfeatures)
y_train = np.array(trainlabel)
_, encoded = np.unique(y_train, return_inverse=True)
y_train = to_categorical(encoded)
x_traincnn = np.expand_dims(X_train, axis=2)

model = Sequential()
model.add(Conv1D(256, 5, padding="same", input_shape=(216, 1)))
model.add(Activation("relu"))
model.add(Conv1D(128, 5, padding="same"))
model.add(Activation("relu"))
model.add(Dropout(0.1))
model.add(MaxPooling1D(pool_size=(8)))
model.add(Conv1D(128, 5, padding="same"))
model.add(Activation("relu"))
model.add(Conv1D(128, 5, padding="same"))
model.add(Activation("relu"))
model.add(Flatten())
model.add(Dense(10))
model.add(Activation("softmax"))
opt = keras.optimizers.RMSprop(learning_rate=0.00001)
model.compile(loss="categorical_crossentropy", optimizer=opt, metrics=["accuracy"])
cnnhistory = model.fit(x_traincnn, y_train, batch_size=16, epochs=1, verbose=0)  # expect[SHP001]
