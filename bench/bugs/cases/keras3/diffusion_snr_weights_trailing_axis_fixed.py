# source: https://github.com/bayesflow-org/bayesflow/issues/787
# Fixed: the weights lose the trailing singleton axes that expand_right_as added, so each
# sample's (B,) weight multiplies its own reduced error.
import numpy as np
from keras import ops

batch, dim = 16, 3


def get_weights_for_snr(log_snr_t):
    return ops.exp(-log_snr_t) + 1.0


def compute_loss(x, noise_pred, eps_t, log_snr_t, loss_mask):
    log_snr_t = ops.reshape(log_snr_t, (-1,) + (1,) * (len(x.shape) - 1))  # expand_right_as
    weights_for_snr = get_weights_for_snr(log_snr_t)
    err = ops.mean(loss_mask * (noise_pred - eps_t) ** 2, axis=-1)
    loss = ops.reshape(weights_for_snr, (-1,)) * err
    return ops.mean(loss)


x = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
eps_t = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
noise_pred = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
log_snr_t = ops.convert_to_tensor(np.random.randn(batch).astype("float32"))
loss = compute_loss(x, noise_pred, eps_t, log_snr_t, ops.ones_like(x))
