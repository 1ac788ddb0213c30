# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/StackOverflow/UT-3/35451948-fix
# tf.reshape changes the shape; set_shape would only assert it.
import numpy as np
import tensorflow as tf

height, width = 12, 10
pixels = tf.constant(np.random.normal(0, 0.1, height * width * 3).astype("float32"))
image = tf.reshape(pixels, [height, width, 3])
