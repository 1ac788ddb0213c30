# source: https://mail.python.org/pipermail/numpy-discussion/2010-July/thread.html
# numpy-discussion thread "Matrix dot product over an axis (for a 3d array/list of matrices)",
# 15 July 2010: ten 4x4 rotations and ten 4x4 translations stacked into (10, 4, 4) arrays and
# composed with np.dot give (10, 4, 10, 4), every rotation times every translation, instead of
# the ten 4x4 products.
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
poses = np.dot(rots, trans)  # expect[SHP004]
origin = poses[..., 3]
