# source: https://wiki.gubat.org/content/stackoverflow.com_en_all_2023-11/questions/58839759/perceptron-weight-for-each-sample-data-or-one-common-weight
# One weight per input, shared by all 80 samples: the prediction is one score per sample.
import numpy as np

rng = np.random.default_rng(1)
x = rng.normal(size=(80, 2))
y = (x[:, 0] + x[:, 1] > 0).astype(float)
w = np.full(2, 0.1)
prediction = np.dot(w, x.T)
