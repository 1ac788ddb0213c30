# source: https://github.com/bojone/attention/issues/3
# A multi-head attention layer written for the old batch_dot: on (batch, heads, steps,
# size) tensors batch_dot with axes=[3, 3] now keeps both step axes and gives a 5-D
# result, so the 4-D permutation that follows fails.
import numpy as np
from tf_keras import backend as K
from tf_keras.layers import Layer


class Attention(Layer):
    def __init__(self, nb_head, size_per_head, **kwargs):
        self.nb_head = nb_head
        self.size_per_head = size_per_head
        self.output_dim = nb_head * size_per_head
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.WQ = self.add_weight(name="WQ", shape=(input_shape[0][-1], self.output_dim))
        self.WK = self.add_weight(name="WK", shape=(input_shape[1][-1], self.output_dim))
        self.WV = self.add_weight(name="WV", shape=(input_shape[2][-1], self.output_dim))
        super().build(input_shape)

    def call(self, x):
        Q_seq, K_seq, V_seq = x
        Q_seq = K.dot(Q_seq, self.WQ)
        Q_seq = K.reshape(Q_seq, (-1, K.shape(Q_seq)[1], self.nb_head, self.size_per_head))
        Q_seq = K.permute_dimensions(Q_seq, (0, 2, 1, 3))
        K_seq = K.dot(K_seq, self.WK)
        K_seq = K.reshape(K_seq, (-1, K.shape(K_seq)[1], self.nb_head, self.size_per_head))
        K_seq = K.permute_dimensions(K_seq, (0, 2, 1, 3))
        V_seq = K.dot(V_seq, self.WV)
        V_seq = K.reshape(V_seq, (-1, K.shape(V_seq)[1], self.nb_head, self.size_per_head))
        V_seq = K.permute_dimensions(V_seq, (0, 2, 1, 3))
        A = K.batch_dot(Q_seq, K_seq, axes=[3, 3]) / self.size_per_head**0.5
        A = K.permute_dimensions(A, (0, 3, 2, 1))  # expect[SHP001]
        A = K.softmax(A)
        O_seq = K.batch_dot(A, V_seq, axes=[3, 2])
        return K.reshape(O_seq, (-1, K.shape(O_seq)[1], self.output_dim))


embeddings = K.constant(np.random.rand(2, 6, 12).astype("float32"))
attention = Attention(4, 3)
out = attention([embeddings, embeddings, embeddings])
