# source: https://github.com/matroid/dlwithtf/pull/17
# ch3 linear regression: tf.matmul(x, W) + b gives (N, 1) predictions, and subtracting them
# from the (N,) targets broadcasts into an (N, N) matrix of every target against every
# prediction; the summed "loss" pulls the line toward the mean. The PR squeezes y_pred.
import numpy as np
import tensorflow as tf

N = 100
w_true, b_true = 5.0, 2.0
x_np = np.random.rand(N, 1).astype("float32")
noise = np.random.normal(scale=0.1, size=(N,)).astype("float32")
y_np = (w_true * x_np[:, 0] + b_true + noise).astype("float32")

W = tf.Variable(tf.random.normal((1, 1)))
b = tf.Variable(tf.random.normal((1,)))
learning_rate = 0.001


def train_step(x, y):
    with tf.GradientTape() as tape:
        with tf.name_scope("prediction"):
            y_pred = tf.matmul(x, W) + b
        with tf.name_scope("loss"):
            l = tf.reduce_sum((y - y_pred) ** 2)  # expect[SHP006]
    grad_W, grad_b = tape.gradient(l, [W, b])
    W.assign_sub(learning_rate * grad_W)
    b.assign_sub(learning_rate * grad_b)
    return l


for step in range(3):
    loss = train_step(x_np, y_np)
