# source: https://github.com/matroid/dlwithtf/pull/11
# ch4 fully connected regression: the output layer gives (N, 1) predictions and
# (y - y_pred) ** 2 with the (N,) targets is an (N, N) matrix; the PR's commit message: "(y -
# y_pred)**2 should be a vector".
import numpy as np
import tensorflow as tf

N = 50
d = 1
n_hidden = 8
x_np = np.random.rand(N, d).astype("float32")
y_np = (3.0 * x_np[:, 0] + np.random.normal(scale=0.1, size=N)).astype("float32")

W_hidden = tf.Variable(tf.random.normal((d, n_hidden)))
b_hidden = tf.Variable(tf.random.normal((n_hidden,)))
W = tf.Variable(tf.random.normal((n_hidden, 1)))
b = tf.Variable(tf.random.normal((1,)))
params = [W_hidden, b_hidden, W, b]


def loss_fn(x, y):
    x_1 = tf.nn.relu(tf.matmul(x, W_hidden) + b_hidden)
    y_pred = tf.matmul(x_1, W) + b
    lvec = (y - y_pred) ** 2  # expect[SHP006]
    return tf.reduce_sum(lvec), lvec


for step in range(3):
    with tf.GradientTape() as tape:
        l, lvec = loss_fn(x_np, y_np)
    grads = tape.gradient(l, params)
    for p, g in zip(params, grads):
        p.assign_sub(0.001 * g)
