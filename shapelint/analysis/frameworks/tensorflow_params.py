"""Shape-neutral and unmodelled parameters of the tensorflow table entries.

Each entry maps a table name to (neutral, unmodelled): the real parameters, beyond the ones
the entry models and the ones neutral for every API (``spec.NEUTRAL``), that never change
the shape of the result, and those the model does not read (passing one makes the result
unknown). Checked against the recorded real signatures by ``tests/shapes/test_signatures.py``.
"""

METHODS: dict[str, tuple[str, str]] = {
    "assign": ("read_value use_locking value", ""),
}


FUNCTIONS: dict[str, tuple[str, str]] = {
    "Variable": (
        "trainable",
        "aggregation caching_device constraint "
        "experimental_enable_variable_lifting import_scope shape "
        "synchronization validate_shape variable_def",
    ),
    "argmax": ("output_type", ""),
    "argmin": ("output_type", ""),
    "clip_by_value": ("", "clip_value_max clip_value_min"),
    "convert_to_tensor": ("dtype_hint", ""),
    "cumsum": ("axis exclusive reverse", ""),
    "eye": ("", "batch_shape"),
    "gather": ("validate_indices", "axis batch_dims"),
    "linalg.inv": ("adjoint", ""),
    "linalg.l2_normalize": ("axis dim epsilon", ""),
    "linalg.matmul": ("a_is_sparse b_is_sparse grad_a grad_b output_type", ""),
    "linalg.matrix_transpose": ("conjugate", ""),
    "linspace": ("", "axis"),
    "math.cumprod": ("axis exclusive reverse", ""),
    "matmul": ("a_is_sparse b_is_sparse grad_a grad_b output_type", ""),
    "nn.conv1d": ("", "dilations"),
    "nn.conv2d": ("", "dilations"),
    "nn.conv3d": ("", "dilations"),
    "nn.dropout": ("noise_shape rate", ""),
    "nn.embedding_lookup": ("max_norm", ""),
    "nn.gelu": ("approximate", ""),
    "nn.l2_normalize": ("axis dim epsilon", ""),
    "nn.leaky_relu": ("alpha", ""),
    "nn.log_softmax": ("axis", ""),
    "nn.silu": ("beta", ""),
    "nn.softmax_cross_entropy_with_logits": ("", "axis"),
    "nn.softmax": ("axis", ""),
    "random.normal": ("mean stddev", ""),
    "random.truncated_normal": ("mean stddev", ""),
    "random.uniform": ("maxval minval", ""),
    "one_hot": ("off_value on_value", "axis"),
    "reverse": ("axis", ""),
    "shape": ("", "out_type"),
    "split": ("", "num"),
    "transpose": ("conjugate", ""),
}
