# source: https://github.com/keras-team/keras/issues/23248
# A batched matrix product, ops.matmul, gives one (time, time) score matrix per batch item.
import numpy as np
from keras import ops

batch, time, size = 2, 3, 4
q = ops.convert_to_tensor(np.random.rand(batch, time, size).astype("float32"))
k = ops.convert_to_tensor(np.random.rand(batch, time, size).astype("float32"))
scores = ops.matmul(q, ops.transpose(k, (0, 2, 1)))
weights = ops.softmax(scores, axis=-1)
