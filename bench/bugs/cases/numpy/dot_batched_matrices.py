# source: http://pullrequest.ru/12501901/vychislit-tochechnoe-proizvedenie-massiva-massivov-nxn-massivami-nx1
# A stack of (2, 2) matrices times a stack of (2, 1) vectors: np.dot takes the outer
# product over the stack axes, (2, 2, 2, 1), instead of one product per pair.
import numpy as np

A = np.array([[[10, -1], [-1, 10]], [[30, 4], [5, 10]]])
B = np.array([[[5], [2]], [[3], [4]]])
products = np.dot(A, B)  # expect[SHP004]
