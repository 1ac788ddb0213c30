# source: https://wiki.gubat.org/content/stackoverflow.com_en_all_2023-11/questions/58839759/perceptron-weight-for-each-sample-data-or-one-common-weight
# A perceptron on 80 samples of 2 inputs whose weights were made as an 80x2 matrix, like
# the data: the prediction np.dot(w, x.T) is an (80, 80) matrix, not one score per sample.
import numpy as np

rng = np.random.default_rng(1)
x = rng.normal(size=(80, 2))
y = (x[:, 0] + x[:, 1] > 0).astype(float)
w = np.full_like(x, 0.1)
prediction = np.dot(w, x.T)  # expect[SHP003]
