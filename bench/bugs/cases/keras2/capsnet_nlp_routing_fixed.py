# source: https://github.com/stefan-it/capsnet-nlp/issues/5
# The text capsule network's routing with TF 2.2: "Cannot do batch_dot on inputs with
# shapes (None, 10, 10, 16) and (None, 10, None, 16) with axes=[2, 3]": the first
# batch_dot no longer drops the repeated capsule axis.
import tensorflow as tf
from tf_keras import backend as K
from tf_keras.layers import Dense, Embedding, Input, Lambda, Reshape
from tf_keras.models import Model

NUM_CAPS, DIM_CAPS, IN_CAPS = 4, 6, 5


def routing(u_hat_vecs, iterations=2):
    b = K.zeros_like(u_hat_vecs[:, :, :, 0])
    for i in range(iterations):
        c = K.softmax(b, axis=1)
        outputs = tf.einsum("bnm,bnmd->bnd", c, u_hat_vecs)
        if i < iterations - 1:
            b = tf.einsum("bnd,bnmd->bnm", outputs, u_hat_vecs)
    return outputs


tokens = Input(shape=(IN_CAPS,), dtype="int32")
embedded = Embedding(30, 8)(tokens)
u_hat = Dense(NUM_CAPS * DIM_CAPS)(embedded)
u_hat = Reshape((IN_CAPS, NUM_CAPS, DIM_CAPS))(u_hat)
u_hat = Lambda(lambda x: K.permute_dimensions(x, (0, 2, 1, 3)))(u_hat)
capsules = Lambda(routing)(u_hat)
model = Model(tokens, capsules)
