# source: https://github.com/PredictiveIntelligenceLab/Physics-informed-DeepONets/issues/3
# One key per initial condition actually loaded: the number of training functions is
# taken from the data, so the keys and u0_train map over the same axis size.
import jax.numpy as np
from jax import random, vmap


def generate_one_ics_training_data(key, u0, m=101, P=101):
    t_0 = np.zeros((P, 1))
    x_0 = np.linspace(0, 1, P)[:, None]
    y = np.hstack([x_0, t_0])
    u = np.tile(u0, (P, 1))
    s = u0
    return u, y, s


usol = np.sin(np.linspace(0, 3, 10 * 11 * 101)).reshape(10, 11, 101)
N_train = min(1000, usol.shape[0])
m = 101
P_ics_train = 101
u0_train = usol[:N_train, 0, :]
key = random.PRNGKey(0)
keys = random.split(key, N_train)
u_ics_train, y_ics_train, s_ics_train = vmap(generate_one_ics_training_data, in_axes=(0, 0, None, None))(keys, u0_train, m, P_ics_train)
