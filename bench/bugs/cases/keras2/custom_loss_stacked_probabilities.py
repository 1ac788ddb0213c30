# source: https://github.com/keras-team/keras/issues/4781
# An ordinal loss turns the (batch, 1) network output into three class probabilities with
# K.stack(axis=1), which gives (batch, 3, 1), and multiplies them with the (batch, 3)
# one-hot targets: the shapes do not line up ("Input dimension mis-match").
import numpy as np
from tf_keras import backend as K


def custom_loss(y_true, y_pred):
    sml = K.sigmoid(-y_pred)
    s1ml = K.sigmoid(1.0 - y_pred)
    p = K.stack((sml, s1ml - sml, 1.0 - s1ml), axis=1)
    part1 = K.log(p + 1.0e-20)
    part2 = y_true * part1  # expect[SHP001]
    return -K.sum(part2)


y_true = K.constant(np.eye(3)[[0, 1, 2, 1]])
y_pred = K.constant(np.random.rand(4, 1))
loss = custom_loss(y_true, y_pred)
