# source: https://github.com/ForeverZyh/TensorFlow-Program-Bugs/tree/master/Github/UT-6
# The fix: an image with fewer than three axes is grayscale, c_dim = 1, and the batch gets
# its channel axis.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

input_height = input_width = 28
batch_size = 4
df_dim = 8
rng = np.random.default_rng(0)


def imread(path):
    # the dataset's grayscale PNGs decode to (height, width)
    return rng.integers(0, 255, (input_height, input_width)).astype(np.float32)


class DCGAN:
    def __init__(self, sess, data):
        self.sess = sess
        self.data = data
        imreadImg = imread(self.data[0])
        if len(imreadImg.shape) >= 3:
            self.c_dim = imread(self.data[0]).shape[-1]
        else:
            self.c_dim = 1
        self.grayscale = self.c_dim == 1
        self.build_model()

    def build_model(self):
        image_dims = [input_height, input_width, self.c_dim]
        self.inputs = tf.compat.v1.placeholder(tf.float32, [batch_size] + image_dims, name="real_images")
        w = tf.compat.v1.get_variable("d_h0_w", [5, 5, self.c_dim, df_dim])
        h0 = tf.nn.conv2d(self.inputs, w, strides=[1, 2, 2, 1], padding="SAME")
        self.D_logits = tf.nn.leaky_relu(h0, alpha=0.2)

    def train_step(self, batch_files):
        batch = [imread(f) / 127.5 - 1.0 for f in batch_files]
        if self.grayscale:
            batch_images = np.array(batch).astype(np.float32)[:, :, :, None]
        else:
            batch_images = np.array(batch).astype(np.float32)
        return self.sess.run(self.D_logits, feed_dict={self.inputs: batch_images})


files = [f"img_{i}.png" for i in range(batch_size)]
with tf.compat.v1.Session() as sess:
    dcgan = DCGAN(sess, files)
    sess.run(tf.compat.v1.global_variables_initializer())
    d_out = dcgan.train_step(files)
