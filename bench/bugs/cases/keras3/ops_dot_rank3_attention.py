# source: https://github.com/keras-team/keras/issues/23248
# Attention scores written with keras.ops.dot on (batch, time, size) tensors: dot contracts
# the last axis of the first with the second-to-last of the second and keeps every other
# axis, so the scores come out (batch, time, batch, time) instead of (batch, time, time).
import numpy as np
from keras import ops

batch, time, size = 2, 3, 4
q = ops.convert_to_tensor(np.random.rand(batch, time, size).astype("float32"))
k = ops.convert_to_tensor(np.random.rand(batch, time, size).astype("float32"))
scores = ops.dot(q, ops.transpose(k, (0, 2, 1)))  # expect[SHP004]
weights = ops.softmax(scores, axis=-1)
