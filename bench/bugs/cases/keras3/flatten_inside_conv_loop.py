# source: https://github.com/keras-team/keras/issues/12622
# create_cnn builds CONV => RELU => BN => POOL for each filter count, but the flatten and
# dense head are indented into the loop: the second iteration's Conv2D receives the
# (None, 4) output of the first head, "expected ndim=4, found ndim=2".
from keras.layers import Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D
from keras.models import Model


def create_cnn(width, height, depth, filters=(16, 32, 64), regress=False):
    inputShape = (height, width, depth)
    chanDim = -1
    inputs = Input(shape=inputShape)
    for i, f in enumerate(filters):
        if i == 0:
            x = inputs
        x = Conv2D(f, (3, 3), padding="same")(x)  # expect[SHP001]
        x = Activation("relu")(x)
        x = BatchNormalization(axis=chanDim)(x)
        x = MaxPooling2D(pool_size=(2, 2))(x)
        x = Flatten()(x)
        x = Dense(16)(x)
        x = Activation("relu")(x)
        x = BatchNormalization(axis=chanDim)(x)
        x = Dropout(0.5)(x)
        x = Dense(4)(x)
        x = Activation("relu")(x)
        if regress:
            x = Dense(1, activation="linear")(x)
    model = Model(inputs, x)
    return model


model = create_cnn(64, 64, 3, regress=False)
