# source: https://github.com/wuch15/User-as-Graph/issues/3
# The news encoder's self-attention: `A = K.batch_dot(Q_seq, K_seq, axes=[3, 3])` gives
# (None, 20, 30, 20, 30) on TF after 1.15, and the 4-D permutation fails.
import tf_keras as keras
from tf_keras import backend as K
from tf_keras.layers import Dense, Embedding, Input, Lambda

MAX_TITLE = 6
HEADS, SIZE = 4, 5


def split(x):
    x = K.reshape(x, (-1, MAX_TITLE, HEADS, SIZE))
    return K.permute_dimensions(x, (0, 2, 1, 3))


def self_attention(tensors):
    Q_seq, K_seq, V_seq = [split(t) for t in tensors]
    A = K.batch_dot(Q_seq, K_seq, axes=[3, 3]) / SIZE**0.5
    A = K.permute_dimensions(A, (0, 3, 2, 1))  # expect[SHP001]
    A = K.softmax(K.permute_dimensions(A, (0, 3, 2, 1)))
    O_seq = K.batch_dot(A, V_seq, axes=[3, 2])
    O_seq = K.permute_dimensions(O_seq, (0, 2, 1, 3))
    return K.reshape(O_seq, (-1, MAX_TITLE, HEADS * SIZE))


title = Input(shape=(MAX_TITLE,), dtype="int32")
words = Embedding(50, 16)(title)
q = Dense(HEADS * SIZE)(words)
k = Dense(HEADS * SIZE)(words)
v = Dense(HEADS * SIZE)(words)
encoded = Lambda(self_attention)([q, k, v])
news_encoder = keras.Model(title, encoded)
