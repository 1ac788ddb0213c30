# source: https://mail.python.org/pipermail/numpy-discussion/2010-July/thread.html
# The thread's answer: a product over the shared axis with the batch axis kept aligned,
# sum(a[:, :, :, newaxis] * b[:, newaxis, :, :], axis=-2), gives the ten (4, 4) products.
import numpy as np


def rotation_z(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])


def translation(offset):
    m = np.eye(4)
    m[:3, 3] = offset
    return m


angles = np.linspace(0, np.pi, 10)
offsets = np.random.rand(10, 3)
rots = np.array([rotation_z(t) for t in angles])
trans = np.array([translation(v) for v in offsets])
poses = np.sum(rots[:, :, :, np.newaxis] * trans[:, np.newaxis, :, :], axis=-2)
origin = poses[..., 3]
