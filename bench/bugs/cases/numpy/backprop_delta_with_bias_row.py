# source: https://stats.stackexchange.com/questions/403921/xor-neural-network-problem-finding-shapes-of-delta-for-backpropagation-algorith
# XOR network, backpropagation by hand: the (1, 3) weights include the bias column, so
# theta.T @ delta has 3 entries while the hidden activations have 2 ("operands could not
# be broadcast together with shapes (3,) (2,)").
import numpy as np

theta_2 = np.ones((1, 3))
delta_3 = np.ones((1,))
a_2 = np.ones((2,))
delta_2 = np.dot(theta_2.T, delta_3) * a_2 * (1 - a_2)  # expect[SHP001]
