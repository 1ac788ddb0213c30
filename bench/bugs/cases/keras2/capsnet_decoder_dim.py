# source: https://github.com/XifengGuo/CapsNet-Keras/issues/30
# With dim_capsule != 16 the masked capsules flatten to n_class * dim_capsule features,
# but the decoder's first Dense still expects 16 * n_class.
import numpy as np
import tf_keras as keras
from tf_keras import layers

n_class, dim_capsule = 10, 17
decoder = keras.models.Sequential(name="decoder")
decoder.add(layers.Dense(512, activation="relu", input_dim=16 * n_class))
decoder.add(layers.Dense(784, activation="sigmoid"))

digitcaps = np.random.rand(3, n_class, dim_capsule).astype("float32")
mask = np.eye(n_class, dtype="float32")[[1, 4, 7]]
masked = (digitcaps * mask[:, :, None]).reshape(3, n_class * dim_capsule)
reconstruction = decoder(masked)  # expect[SHP001]
