# source: https://github.com/pbashivan/EEGLearn/issues/1
# The maintainer's answer: gen_images now takes the feature matrix without the label
# column, [n_samples, n_features], so 30 features over 10 electrodes give 3 colours.
import numpy as np


def gen_images(locs, features, n_grid_points):
    feat_array_temp = []
    n_electrodes = locs.shape[0]
    assert features.shape[1] % n_electrodes == 0
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
data = np.random.rand(100, 31)
feats = data[:, :-1]
images = gen_images(locs, feats, 16)
