"""Keras: the Keras 2 backend (``K``), Keras 3 ``keras.ops``, and ``keras.layers``."""

from __future__ import annotations

from shapelint.analysis.frameworks import keras_params
from shapelint.analysis.frameworks import numpy as np_table
from shapelint.analysis.frameworks.spec import LayerSpec, Op, declare, layer, op

BACKEND: dict[str, Op] = {
    "dot": op("keras_dot", "x", "y"),
    "batch_dot": op("keras_batch_dot", "x", "y", "axis"),
    "tile": op("tile", "x", "reps", aliases={"n": "reps"}),
    "ones": op("shape", "shape", filled=True),
    "zeros": op("shape", "shape", filled=True),
    "random_normal": op("shape", "shape", random=True),
    "random_uniform": op("shape", "shape", random=True),
    "ones_like": op("like"),
    "zeros_like": op("like"),
    "random_normal_variable": op("shape", "shape", random=True),
    "variable": op("parameter", "x", aliases={"value": "x"}),
    "constant": op("array", "object", "dtype", "shape", aliases={"value": "object"}),
    "reshape": op("reshape", "x", "shape"),
    "permute_dimensions": op("permute", "x", "axis", aliases={"pattern": "axis"}),
    "transpose": op("reverse"),
    "expand_dims": op("expand_dims", "x", "axis", default_axis=-1),
    "squeeze": op("squeeze", "x", "axis", strict=True),
    "concatenate": op("concat", "seq", "axis", default_axis=-1),
    "stack": op("stack", "seq", "axis", aliases={"x": "seq"}),
    "flatten": op("flatten", "x"),
    "batch_flatten": op("keras_flatten"),
    "sum": op("reduce", "x", "axis", "keepdims"),
    "mean": op("reduce", "x", "axis", "keepdims"),
    "max": op("reduce", "x", "axis", "keepdims"),
    "min": op("reduce", "x", "axis", "keepdims"),
    "prod": op("reduce", "x", "axis", "keepdims"),
    "std": op("reduce", "x", "axis", "keepdims"),
    "var": op("reduce", "x", "axis", "keepdims"),
    "argmax": op("reduce", "x", "axis", default_axis=-1),
    "argmin": op("reduce", "x", "axis", default_axis=-1),
    "int_shape": op("shape_of"),
    "shape": op("shape_of"),
    "ndim": op("ndim"),
}
_BACKEND_UNARY = (
    "relu sigmoid tanh softmax exp log abs sqrt square elu softplus dropout l2_normalize cast clip"
)
for _name in _BACKEND_UNARY.split():
    BACKEND[_name] = op("identity")
for _name, _sym in {
    "maximum": "maximum",
    "minimum": "minimum",
    "equal": "==",
    "not_equal": "!=",
}.items():
    BACKEND[_name] = op("elementwise", "x", "y", op_symbol=_sym)

# Keras 3 ops follow NumPy's semantics (ops.dot is numpy.dot, ops.matmul is numpy.matmul).
# NumPy names keras.ops does not have (checked against the recorded signatures)
_NOT_IN_KERAS_OPS = (
    "asanyarray asarray asarray_chkfinite ascontiguousarray atleast_2d concat fix positive "
    "remainder rint row_stack random.normal random.rand random.randint random.randn "
    "random.random random.random_sample random.standard_normal random.uniform "
    "column_stack insert random.permutation"
).split()
# NumPy's rules Keras 3 has not been checked against (its stacking differs: see family_rules)
_NOT_IN_KERAS_OPS += "dstack repeat tile".split()
OPS: dict[str, Op] = {
    name: spec for name, spec in np_table.FUNCTIONS.items() if name not in _NOT_IN_KERAS_OPS
}
OPS.update(
    {
        "transpose": op("permute", "x", "axis"),
        "squeeze": op("squeeze", "x", "axis", strict=True),
        "concatenate": op("concat", "seq", "axis", default_axis=0),
        "stack": op("stack", "seq", "axis", aliases={"x": "seq"}),
        "array": op("array", "object", aliases={"x": "object"}),
        "shape": op("shape_of"),
        "convert_to_tensor": op("identity"),
        "relu": op("identity"),
        "sigmoid": op("identity"),
        "softmax": op("identity"),
    }
)

_IDENTITY_LAYERS = (
    "Dropout SpatialDropout1D SpatialDropout2D GaussianNoise GaussianDropout AlphaDropout "
    "BatchNormalization LayerNormalization GroupNormalization UnitNormalization Activation ReLU "
    "LeakyReLU PReLU ELU Softmax Masking ActivityRegularization Identity Normalization Rescaling"
).split()

LAYERS: dict[str, LayerSpec] = {
    "Dense": layer("dense", "units"),
    "Conv1D": layer(
        "keras_conv",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        ndim=1,
    ),
    "Conv2D": layer(
        "keras_conv",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        ndim=2,
    ),
    "Conv3D": layer(
        "keras_conv",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        ndim=3,
    ),
    "Convolution2D": layer(
        "keras_conv",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        ndim=2,
    ),
    "MaxPooling1D": layer("keras_pool", "pool_size", "strides", "padding", "data_format", ndim=1),
    "MaxPooling2D": layer("keras_pool", "pool_size", "strides", "padding", "data_format", ndim=2),
    "MaxPooling3D": layer("keras_pool", "pool_size", "strides", "padding", "data_format", ndim=3),
    "AveragePooling1D": layer(
        "keras_pool", "pool_size", "strides", "padding", "data_format", ndim=1, pool="avg"
    ),
    "AveragePooling2D": layer(
        "keras_pool", "pool_size", "strides", "padding", "data_format", ndim=2, pool="avg"
    ),
    "MaxPool2D": layer("keras_pool", "pool_size", "strides", "padding", "data_format", ndim=2),
    "AvgPool2D": layer(
        "keras_pool", "pool_size", "strides", "padding", "data_format", ndim=2, pool="avg"
    ),
    "GlobalAveragePooling1D": layer("keras_global_pool", ndim=1),
    "GlobalAveragePooling2D": layer("keras_global_pool", ndim=2),
    "GlobalMaxPooling1D": layer("keras_global_pool", ndim=1),
    "GlobalMaxPooling2D": layer("keras_global_pool", ndim=2),
    "Flatten": layer("keras_flatten"),
    "UpSampling1D": layer("keras_upsampling", "size", ndim=1),
    "UpSampling2D": layer("keras_upsampling", "size", "data_format", ndim=2),
    "UpSampling3D": layer("keras_upsampling", "size", "data_format", ndim=3),
    "Reshape": layer("keras_reshape", "target_shape"),
    "Permute": layer("keras_permute", "dims"),
    "Embedding": layer("keras_embedding", "input_dim", "output_dim"),
    "LSTM": layer("keras_rnn", "units"),
    "GRU": layer("keras_rnn", "units"),
    "SimpleRNN": layer("keras_rnn", "units"),
    "Dot": layer("keras_dot_layer", "axes", "normalize"),
    "Concatenate": layer("keras_concatenate", "axis"),
    "Add": layer("keras_merge", op_symbol="+"),
    "Subtract": layer("keras_merge", op_symbol="-"),
    "Multiply": layer("keras_merge", op_symbol="*"),
    "Average": layer("keras_merge", op_symbol="average"),
    "Maximum": layer("keras_merge", op_symbol="maximum"),
    "Minimum": layer("keras_merge", op_symbol="minimum"),
    "InputLayer": layer("unknown"),
    # layers that call what they wrap: a function (run by the interpreter) or a layer
    "Lambda": layer("keras_lambda", "function", "output_shape"),
    "TimeDistributed": layer("keras_time_distributed", "layer"),
}
LAYERS.update({name: layer("identity") for name in _IDENTITY_LAYERS})

# keras.Sequential and keras.models.Sequential (not under keras.layers)
MODELS: dict[str, LayerSpec] = {
    "Sequential": layer("sequential", "layers"),
    # keras.Model(inputs, outputs): the functional API (a subclass is a class, not this)
    "Model": layer("keras_functional", "inputs", "outputs"),
}

# keras.metrics objects: called, or updated with update_state(y_true, y_pred)
METRICS: dict[str, LayerSpec] = {"Accuracy": layer("keras_accuracy")}

# keras.layers.dot(inputs, axes) and friends: functional forms of the merge layers.
FUNCTIONAL_LAYERS: dict[str, Op] = {
    "layers.dot": op("keras_dot_fn", "seq", "axis", "normalize"),
    "layers.concatenate": op("keras_concat_fn", "seq", "axis", default_axis=-1),
    "layers.add": op("keras_merge_fn", "seq", op_symbol="+"),
    "layers.multiply": op("keras_merge_fn", "seq", op_symbol="*"),
    "layers.subtract": op("keras_merge_fn", "seq", op_symbol="-"),
    "Input": op("keras_input", "shape", "batch_size"),
    "layers.Input": op("keras_input", "shape", "batch_size"),
}

# keras.losses functions (y_true first), per sample: they reduce the class axis only.
# sparse_categorical_crossentropy is left out: tf.keras broadcasts its labels where
# Keras 3 refuses them, and the two are spelled alike.
LOSSES: dict[str, Op] = {
    "losses.categorical_crossentropy": op(
        "loss", "y", "x", aliases={"y_true": "y", "y_pred": "x"}, loss="keras_categorical"
    ),
    "losses.binary_crossentropy": op(
        "loss", "y", "x", aliases={"y_true": "y", "y_pred": "x"}, loss="keras_binary"
    ),
    # keras.losses.get("name"): the loss function of that name (one of the above)
    "losses.get": op("keras_loss_get", "identifier"),
}

# every real parameter classified: see spec.py and tests/shapes/test_signatures.py
BACKEND = declare(BACKEND, keras_params.BACKEND)
OPS = declare(OPS, keras_params.OPS)
LAYERS = declare(LAYERS, keras_params.LAYERS)
MODELS = declare(MODELS, keras_params.MODELS)
METRICS = declare(METRICS, keras_params.METRICS)
FUNCTIONAL_LAYERS = declare(FUNCTIONAL_LAYERS, keras_params.FUNCTIONAL_LAYERS)
LOSSES = declare(LOSSES, keras_params.LOSSES)
