# source: https://github.com/rdcolema/tensorflow-image-classification/issues/8
# The fix: reshape each slice to its own length, j - i images, so the last, shorter
# batch of the 1328 validation images (16 of them) flattens as well.
import numpy as np

img_size = 16
num_channels = 3
img_size_flat = img_size * img_size * num_channels
batch_size = 32


class DataSet:
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels
        self.num_examples = images.shape[0]


def predict_batch(images_flat, weights):
    return np.argmax(images_flat @ weights, axis=1)


def print_validation_accuracy(valid, weights):
    num_test = valid.num_examples
    cls_pred = np.zeros(shape=num_test, dtype=int)
    i = 0
    while i < num_test:
        j = min(i + batch_size, num_test)
        images = valid.images[i:j, :].reshape(j - i, img_size_flat)
        cls_pred[i:j] = predict_batch(images, weights)
        i = j
    correct = (valid.labels == cls_pred).sum()
    return correct / num_test


rng = np.random.default_rng(0)
valid = DataSet(rng.random((1328, img_size, img_size, num_channels), dtype=np.float32), rng.integers(0, 2, 1328))
weights = rng.random((img_size_flat, 2), dtype=np.float32)
accuracy = print_validation_accuracy(valid, weights)
