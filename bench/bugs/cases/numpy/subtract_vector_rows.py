# source: https://rowcoding.com/numpy-subtract-every-row-of-matrix-by-vector/
# Subtracting a length-3 vector from a (3, 4) matrix meant per row: broadcasting aligns
# trailing axes (4 vs 3) and fails.
import numpy as np

m = np.arange(12).reshape(3, 4)
v = np.arange(3)
centred = m - v  # expect[SHP001]
