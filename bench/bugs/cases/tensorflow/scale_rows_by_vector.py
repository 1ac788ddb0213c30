# source: https://codewithsundeep.com/discussion/solution/43414668
# Each flattened image in a batch of 100 is to be scaled by its own weight: multiplying
# the (100, 784) batch by the (100,) weights aligns the weights with the 784 pixels and
# fails ("Dimensions must be equal, but are 784 and 100").
import tensorflow as tf

images = tf.random.uniform([100, 784])
sample_weights = tf.random.uniform([100])


@tf.function
def weighted_pixels(batch, weights):
    return tf.multiply(batch, weights)  # expect[SHP001]


scaled = weighted_pixels(images, sample_weights)
