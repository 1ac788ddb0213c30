# source: https://github.com/bayesflow-org/bayesflow/issues/787
# DiffusionModel.compute_metrics expands the log-SNR to x's rank, so the noise-level weights are
# (B, 1), while the squared error is reduced over the last axis to (B,): the product is (B, B),
# every sample's weight meets every sample's error, and the loss is mean(w) * mean(err).
import numpy as np
from keras import ops

batch, dim = 16, 3


def get_weights_for_snr(log_snr_t):
    return ops.exp(-log_snr_t) + 1.0


def compute_loss(x, noise_pred, eps_t, log_snr_t, loss_mask):
    log_snr_t = ops.reshape(log_snr_t, (-1,) + (1,) * (len(x.shape) - 1))  # expand_right_as
    weights_for_snr = get_weights_for_snr(log_snr_t)
    err = ops.mean(loss_mask * (noise_pred - eps_t) ** 2, axis=-1)
    loss = weights_for_snr * err  # expect[SHP002]
    return ops.mean(loss)


x = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
eps_t = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
noise_pred = ops.convert_to_tensor(np.random.randn(batch, dim).astype("float32"))
log_snr_t = ops.convert_to_tensor(np.random.randn(batch).astype("float32"))
loss = compute_loss(x, noise_pred, eps_t, log_snr_t, ops.ones_like(x))
