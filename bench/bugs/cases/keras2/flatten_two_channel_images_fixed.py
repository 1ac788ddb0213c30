# source: https://github.com/tensorflow/tensorflow/issues/44404
# The beginner MNIST model fed images converted with PIL's 'LA' mode: each image is
# (28, 28, 2), so Flatten gives 1568 features where the Dense layer was built for 784.
import numpy as np
import tf_keras as keras

model = keras.models.Sequential(
    [
        keras.layers.Flatten(input_shape=(28, 28)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10),
    ]
)
lst_of_arrays = [np.random.randint(0, 255, (28, 28, 2)).astype("float32") for _ in range(3)]
x_train = np.array(lst_of_arrays)[..., 0] / 255.0
predictions = model(x_train[:1]).numpy()
