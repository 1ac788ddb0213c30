# source: https://stats.stackexchange.com/questions/403921/xor-neural-network-problem-finding-shapes-of-delta-for-backpropagation-algorith
# The bias column does not propagate back: drop it before the product.
import numpy as np

theta_2 = np.ones((1, 3))
delta_3 = np.ones((1,))
a_2 = np.ones((2,))
delta_2 = np.dot(theta_2[:, 1:].T, delta_3) * a_2 * (1 - a_2)
