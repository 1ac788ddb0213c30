"""Shape-neutral and unmodelled parameters of the keras table entries.

Each entry maps a table name to (neutral, unmodelled): the real parameters, beyond the ones
the entry models and the ones neutral for every API (``spec.NEUTRAL``), that never change
the shape of the result, and those the model does not read (passing one makes the result
unknown). Checked against the recorded real signatures by ``tests/shapes/test_signatures.py``.
"""

BACKEND: dict[str, tuple[str, str]] = {
    "abs": ("", ""),
    "argmax": ("", ""),
    "argmin": ("", ""),
    "batch_dot": ("", ""),
    "batch_flatten": ("", ""),
    "cast": ("", ""),
    "clip": ("max_value min_value", ""),
    "concatenate": ("", ""),
    "constant": ("", ""),
    "dot": ("", ""),
    "dropout": ("level noise_shape", ""),
    "elu": ("alpha", ""),
    "equal": ("", ""),
    "exp": ("", ""),
    "expand_dims": ("", ""),
    "flatten": ("", ""),
    "int_shape": ("", ""),
    "l2_normalize": ("axis", ""),
    "log": ("", ""),
    "max": ("", ""),
    "maximum": ("", ""),
    "mean": ("", ""),
    "min": ("", ""),
    "minimum": ("", ""),
    "ndim": ("", ""),
    "not_equal": ("", ""),
    "ones": ("", ""),
    "ones_like": ("", ""),
    "permute_dimensions": ("", ""),
    "prod": ("", ""),
    "random_normal": ("mean stddev", ""),
    "random_normal_variable": ("mean scale", ""),
    "random_uniform": ("maxval minval", ""),
    "relu": ("alpha max_value threshold", ""),
    "reshape": ("", ""),
    "shape": ("", ""),
    "sigmoid": ("", ""),
    "softmax": ("axis", ""),
    "softplus": ("", ""),
    "sqrt": ("", ""),
    "square": ("", ""),
    "squeeze": ("", ""),
    "stack": ("", ""),
    "std": ("", ""),
    "sum": ("", ""),
    "tanh": ("", ""),
    "transpose": ("", ""),
    "var": ("", ""),
    "variable": ("", "constraint"),
    "zeros": ("", ""),
    "zeros_like": ("", ""),
}


OPS: dict[str, tuple[str, str]] = {
    "abs": ("", ""),
    "absolute": ("", ""),
    "add": ("", ""),
    "all": ("", ""),
    "amax": ("", ""),
    "amin": ("", ""),
    "any": ("", ""),
    "arange": ("", ""),
    "arccos": ("", ""),
    "arcsin": ("", ""),
    "arctan": ("", ""),
    "arctan2": ("", ""),
    "argmax": ("", ""),
    "argmin": ("", ""),
    "argsort": ("", "axis"),
    "array": ("", ""),
    "array_split": ("", ""),
    "average": ("", "weights"),
    "broadcast_to": ("", ""),
    "ceil": ("", ""),
    "clip": ("", "x_max x_min"),
    "concatenate": ("", ""),
    "conj": ("", ""),
    "conjugate": ("", ""),
    "convert_to_tensor": ("ragged sparse", ""),
    "copy": ("", ""),
    "cos": ("", ""),
    "cosh": ("", ""),
    "diag": ("", "k"),
    "divide": ("", ""),
    "dot": ("", ""),
    "einsum": ("", ""),
    "empty": ("", ""),
    "empty_like": ("", ""),
    "equal": ("", ""),
    "exp": ("", ""),
    "exp2": ("", ""),
    "expand_dims": ("", ""),
    "expm1": ("", ""),
    "eye": ("k", ""),
    "flip": ("", "axis"),
    "fliplr": ("", ""),
    "flipud": ("", ""),
    "floor": ("", ""),
    "floor_divide": ("", ""),
    "fmax": ("", ""),
    "fmin": ("", ""),
    "full": ("", ""),
    "full_like": ("", "fill_value"),
    "greater": ("", ""),
    "greater_equal": ("", ""),
    "heaviside": ("", ""),
    "hstack": ("", ""),
    "hypot": ("", ""),
    "identity": ("", ""),
    "imag": ("", ""),
    "isfinite": ("", ""),
    "isinf": ("", ""),
    "isnan": ("", ""),
    "less": ("", ""),
    "less_equal": ("", ""),
    "linalg.inv": ("", ""),
    "linalg.norm": ("", ""),
    "linalg.pinv": ("rcond", ""),
    "linspace": ("endpoint", "axis retstep"),
    "log": ("", ""),
    "log10": ("", ""),
    "log1p": ("", ""),
    "log2": ("", ""),
    "logical_and": ("", ""),
    "logical_not": ("", ""),
    "logical_or": ("", ""),
    "logical_xor": ("", ""),
    "logspace": ("base endpoint", "axis"),
    "matmul": ("", ""),
    "max": ("", ""),
    "maximum": ("", ""),
    "mean": ("", ""),
    "median": ("", ""),
    "min": ("", ""),
    "minimum": ("", ""),
    "mod": ("", ""),
    "moveaxis": ("", ""),
    "multiply": ("", ""),
    "nan_to_num": ("nan neginf posinf", ""),
    "nanmax": ("", ""),
    "nanmean": ("", ""),
    "nanmin": ("", ""),
    "nansum": ("", ""),
    "negative": ("", ""),
    "not_equal": ("", ""),
    "ones": ("", ""),
    "ones_like": ("", ""),
    "outer": ("", ""),
    "power": ("", ""),
    "prod": ("", ""),
    "ptp": ("", ""),
    "ravel": ("", ""),
    "real": ("", ""),
    "reciprocal": ("", ""),
    "relu": ("", ""),
    "reshape": ("", ""),
    "roll": ("shift", "axis"),
    "round": ("decimals", ""),
    "shape": ("", ""),
    "sigmoid": ("", ""),
    "sign": ("", ""),
    "sin": ("", ""),
    "sinh": ("", ""),
    "softmax": ("", "axis"),
    "sort": ("", "axis"),
    "split": ("", ""),
    "sqrt": ("", ""),
    "square": ("", ""),
    "squeeze": ("", ""),
    "stack": ("", ""),
    "std": ("", ""),
    "subtract": ("", ""),
    "sum": ("", ""),
    "swapaxes": ("", ""),
    "tan": ("", ""),
    "tanh": ("", ""),
    "tensordot": ("", ""),
    "transpose": ("", ""),
    "true_divide": ("", ""),
    "trunc": ("", ""),
    "var": ("", ""),
    "vdot": ("", ""),
    "vstack": ("", ""),
    "where": ("", ""),
    "zeros": ("", ""),
    "zeros_like": ("", ""),
}


LAYERS: dict[str, tuple[str, str]] = {
    "Activation": ("activation", ""),
    "ActivityRegularization": ("l1 l2", ""),
    "Add": ("", ""),
    "AlphaDropout": ("noise_shape rate", ""),
    "Average": ("", ""),
    "AveragePooling1D": ("", ""),
    "AveragePooling2D": ("", ""),
    "AvgPool2D": ("", ""),
    "BatchNormalization": (
        "axis beta_constraint beta_initializer beta_regularizer center epsilon "
        "gamma_constraint gamma_initializer gamma_regularizer momentum "
        "moving_mean_initializer moving_variance_initializer renorm "
        "renorm_clipping renorm_momentum synchronized",
        "scale",
    ),
    "Concatenate": ("", ""),
    "Conv1D": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer kernel_constraint kernel_initializer "
        "kernel_regularizer use_bias",
        "groups",
    ),
    "Conv2D": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer kernel_constraint kernel_initializer "
        "kernel_regularizer use_bias",
        "groups",
    ),
    "Conv3D": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer kernel_constraint kernel_initializer "
        "kernel_regularizer use_bias",
        "groups",
    ),
    "Convolution2D": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer kernel_constraint kernel_initializer "
        "kernel_regularizer use_bias",
        "groups",
    ),
    "Dense": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer kernel_constraint kernel_initializer "
        "kernel_regularizer lora_alpha lora_rank quantization_config use_bias",
        "",
    ),
    "Dot": ("", ""),
    "Dropout": ("noise_shape rate", ""),
    "ELU": ("alpha", ""),
    "Embedding": (
        "activity_regularizer embeddings_constraint embeddings_initializer "
        "embeddings_regularizer lora_alpha lora_rank mask_zero "
        "quantization_config sparse weights",
        "input_length",
    ),
    "Flatten": ("", "data_format"),
    "GRU": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer dropout go_backwards kernel_constraint "
        "kernel_initializer kernel_regularizer recurrent_activation "
        "recurrent_constraint recurrent_dropout recurrent_initializer "
        "recurrent_regularizer reset_after stateful time_major unroll use_bias "
        "use_cudnn",
        "",
    ),
    "GaussianDropout": ("rate", ""),
    "GaussianNoise": ("stddev", ""),
    "GlobalAveragePooling1D": ("", "data_format keepdims"),
    "GlobalAveragePooling2D": ("", "data_format keepdims"),
    "GlobalMaxPooling1D": ("", "data_format keepdims"),
    "GlobalMaxPooling2D": ("", "data_format keepdims"),
    "GroupNormalization": (
        "axis beta_constraint beta_initializer beta_regularizer center epsilon "
        "gamma_constraint gamma_initializer gamma_regularizer",
        "groups scale",
    ),
    "Identity": ("dynamic trainable", ""),
    "InputLayer": (
        "",
        "batch_shape batch_size input_tensor optional ragged shape sparse type_spec",
    ),
    "Lambda": ("mask", ""),
    "LSTM": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer dropout go_backwards kernel_constraint "
        "kernel_initializer kernel_regularizer recurrent_activation "
        "recurrent_constraint recurrent_dropout recurrent_initializer "
        "recurrent_regularizer stateful time_major unit_forget_bias unroll "
        "use_bias use_cudnn",
        "",
    ),
    "LayerNormalization": (
        "axis beta_constraint beta_initializer beta_regularizer center epsilon "
        "gamma_constraint gamma_initializer gamma_regularizer",
        "scale",
    ),
    "LeakyReLU": ("alpha negative_slope", ""),
    "Masking": ("mask_value", ""),
    "MaxPool2D": ("", ""),
    "MaxPooling1D": ("", ""),
    "MaxPooling2D": ("", ""),
    "MaxPooling3D": ("", ""),
    "Maximum": ("", ""),
    "Minimum": ("", ""),
    "Multiply": ("", ""),
    "Normalization": ("axis invert mean variance", ""),
    "PReLU": ("alpha_constraint alpha_initializer alpha_regularizer shared_axes", ""),
    "Permute": ("", ""),
    "UpSampling1D": ("", ""),
    "UpSampling2D": ("interpolation", ""),
    "UpSampling3D": ("", ""),
    "ReLU": ("max_value negative_slope threshold", ""),
    "Rescaling": ("", "offset scale"),
    "Reshape": ("", ""),
    "TimeDistributed": ("", ""),
    "SimpleRNN": (
        "activation activity_regularizer bias_constraint bias_initializer "
        "bias_regularizer dropout go_backwards kernel_constraint "
        "kernel_initializer kernel_regularizer recurrent_constraint "
        "recurrent_dropout recurrent_initializer recurrent_regularizer stateful "
        "unroll use_bias",
        "",
    ),
    "Softmax": ("axis robust_masking", ""),
    "SpatialDropout1D": ("rate", ""),
    "SpatialDropout2D": ("rate", "data_format"),
    "Subtract": ("", ""),
    "UnitNormalization": ("axis", ""),
}


MODELS: dict[str, tuple[str, str]] = {
    "Sequential": ("trainable", ""),
}


METRICS: dict[str, tuple[str, str]] = {
    "Accuracy": ("", ""),
}


FUNCTIONAL_LAYERS: dict[str, tuple[str, str]] = {
    "Input": ("optional ragged sparse type_spec", "batch_shape tensor"),
    "layers.Input": ("optional ragged sparse type_spec", "batch_shape tensor"),
    "layers.add": ("", ""),
    "layers.concatenate": ("", ""),
    "layers.dot": ("", ""),
    "layers.multiply": ("", ""),
    "layers.subtract": ("", ""),
}

# the class axis (``axis``) is not modelled: another one makes the result unknown
LOSSES: dict[str, tuple[str, str]] = {
    "losses.categorical_crossentropy": ("from_logits label_smoothing", "axis"),
    "losses.binary_crossentropy": ("from_logits label_smoothing", "axis"),
    "losses.get": ("", ""),
}
