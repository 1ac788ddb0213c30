# source: https://github.com/pbashivan/EEGLearn/issues/1
# gen_images splits the feature matrix into one colour per frequency band, nElectrodes
# columns each, and asserts the columns divide evenly; its test passes a (100, 31) matrix
# that still carries the label column, so 31 % 10 != 0 and the assert fails.
import numpy as np


def gen_images(locs, features, n_grid_points):
    feat_array_temp = []
    n_electrodes = locs.shape[0]
    assert features.shape[1] % n_electrodes == 0  # expect[SHP005]
    n_colors = features.shape[1] // n_electrodes
    for c in range(n_colors):
        feat_array_temp.append(features[:, c * n_electrodes : n_electrodes * (c + 1)])
    n_samples = features.shape[0]
    images = np.zeros((n_samples, n_colors, n_grid_points, n_grid_points))
    for c in range(n_colors):
        band = feat_array_temp[c].mean(axis=1)
        images[:, c] = band[:, None, None]
    return images


locs = np.random.rand(10, 2)
feats = np.random.rand(100, 31)
images = gen_images(locs, feats, 16)
