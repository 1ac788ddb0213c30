# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-3/35451948-buggy
# A decoded image arrives as a flat vector of pixels and set_shape is used to give it its
# (height, width, 3) shape; set_shape only states a shape the tensor already has, it cannot
# change the rank, so TensorFlow rejects it.
import numpy as np
import tensorflow as tf

height, width = 12, 10
pixels = tf.constant(np.random.normal(0, 0.1, height * width * 3).astype("float32"))
image = tf.identity(pixels)
image.set_shape([height, width, 3])  # expect[SHP001]
