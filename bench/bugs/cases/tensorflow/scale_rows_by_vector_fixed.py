# source: https://codewithsundeep.com/discussion/solution/43414668
# The answer's fix: give the weights a trailing axis, (100, 1), so they broadcast per row.
import tensorflow as tf

images = tf.random.uniform([100, 784])
sample_weights = tf.random.uniform([100])


@tf.function
def weighted_pixels(batch, weights):
    return tf.multiply(batch, tf.expand_dims(weights, 1))


scaled = weighted_pixels(images, sample_weights)
