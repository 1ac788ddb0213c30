# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-15/38447935-buggy
# Fitting y = x w with x (3, 2) and w (2, 1): the targets y_ are (3,), the predictions
# (3, 1), and tf.square(y_ - y) is (3, 3), so the fit converges to the wrong weights.
import tensorflow as tf

tf.random.set_seed(20180130)


def weight_variable(shape):
    initial = tf.random.truncated_normal(shape, stddev=0.1, dtype=tf.float64)
    return tf.Variable(initial)


x = tf.constant([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], dtype=tf.float64)
y_ = tf.constant([1.0, 2.0, 3.0], dtype=tf.float64)
w = weight_variable((2, 1))
optimizer = tf.keras.optimizers.SGD(1e-2)


@tf.function
def train_step():
    with tf.GradientTape() as tape:
        y = tf.matmul(x, w)
        error = tf.reduce_mean(tf.square(y_ - y))  # expect[SHP006]
    optimizer.apply_gradients([(tape.gradient(error, w), w)])
    return error


for i in range(3):
    err = train_step()
