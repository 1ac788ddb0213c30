# source: https://example-a.com/answer/72745412
# Normal equations with the targets given as a (1, 3) row: (X^T X)^-1 X^T is (3, 3) and
# its product with the row fails: shapes (3,3) and (1,3) not aligned.
import numpy as np
from numpy.linalg import inv


class LinearRegression:
    def __init__(self, features, targets):
        padding = np.ones(features.shape[0])
        self.X = np.insert(features, 0, padding, axis=1)
        self.y = targets

    def least_squares(self):
        xt = self.X.transpose()
        gram = np.matmul(xt, self.X)
        beta = inv(gram).dot(xt).dot(self.y)  # expect[SHP001]
        return beta


x = np.array([[0.0, 1.0], [1.0, 4.0], [7.0, 8.0]])
y = np.array([[2.0, 9.0, 23.0]])
beta = LinearRegression(x, y).least_squares()
