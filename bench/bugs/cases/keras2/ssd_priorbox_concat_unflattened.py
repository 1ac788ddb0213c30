# source: https://github.com/tanakataiki/ssd_kerasV2/issues/29
# SSD joins the prior boxes of every feature map along axis 1; after an edit to the
# prior-box layer its outputs kept their spatial grids, (None, 38, 38, 8) beside
# (None, 19, 19, 8), which cannot be concatenated on axis 1.
from tf_keras import layers

conv4_3 = layers.Input((38, 38, 512))
fc7 = layers.Input((19, 19, 1024))
conv4_3_priorbox = layers.Conv2D(8, 1)(conv4_3)
fc7_priorbox = layers.Conv2D(8, 1)(fc7)
mbox_priorbox = layers.concatenate([conv4_3_priorbox, fc7_priorbox], axis=1)  # expect[SHP001]
