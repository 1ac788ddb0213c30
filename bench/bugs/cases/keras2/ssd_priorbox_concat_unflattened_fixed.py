# source: https://github.com/tanakataiki/ssd_kerasV2/issues/29
# Each map's boxes reshaped to (None, boxes, 8) first, so they join along the box axis.
from tf_keras import layers

conv4_3 = layers.Input((38, 38, 512))
fc7 = layers.Input((19, 19, 1024))
conv4_3_priorbox = layers.Reshape((-1, 8))(layers.Conv2D(8, 1)(conv4_3))
fc7_priorbox = layers.Reshape((-1, 8))(layers.Conv2D(8, 1)(fc7))
mbox_priorbox = layers.concatenate([conv4_3_priorbox, fc7_priorbox], axis=1)
