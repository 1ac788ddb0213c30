# source: https://lynx-cortex.pages.dev/phase-06-python-engineering/break/00-break-broadcasting-trap/
# A per-person bias of shape (P,) added to (P, F) logits: NumPy aligns (P,) with the
# trailing feature axis, which fails for P != F; the bias needs [:, None].
import numpy as np


def add_row_bias(logits, bias):
    return logits + bias[:, None]


logits = np.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]])
bias = np.array([100.0, 200.0, 300.0])
scores = add_row_bias(logits, bias)
