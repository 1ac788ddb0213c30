"""TensorFlow: ``tf.*``, ``tf.math``, ``tf.linalg``, ``tf.random``."""

from __future__ import annotations

from shapelint.analysis.frameworks import tensorflow_params
from shapelint.analysis.frameworks.spec import Op, declare, op

_UNARY = (
    "abs exp math.log math.log1p sqrt math.rsqrt square sin cos tanh sigmoid negative sign floor "
    "math.ceil round "
    "nn.relu nn.relu6 nn.elu nn.selu nn.gelu nn.silu nn.sigmoid nn.tanh nn.softmax nn.log_softmax "
    "nn.leaky_relu nn.softplus nn.dropout nn.l2_normalize identity stop_gradient cast "
    "clip_by_value math.reciprocal math.is_nan math.is_inf logical_not cumsum math.cumprod reverse "
    "convert_to_tensor"
).split()

_BINARY = {
    "add": "+",
    "subtract": "-",
    "multiply": "*",
    "divide": "/",
    "truediv": "/",
    "math.floordiv": "//",
    "pow": "**",
    "maximum": "maximum",
    "minimum": "minimum",
    "greater": ">",
    "less": "<",
    "equal": "==",
    "not_equal": "!=",
    "greater_equal": ">=",
    "less_equal": "<=",
    "math.squared_difference": "squared_difference",
    "logical_and": "and",
    "logical_or": "or",
    "math.divide_no_nan": "/",
    "math.mod": "%",
    "math.floormod": "%",
}

_REDUCE = (
    "reduce_sum reduce_mean reduce_max reduce_min reduce_prod math.reduce_std math.reduce_variance "
    "reduce_any reduce_all reduce_logsumexp"
).split()

FUNCTIONS: dict[str, Op] = {
    "zeros": op("shape", "shape", filled=True),
    "ones": op("shape", "shape", filled=True),
    "fill": op("shape", "shape", "value", aliases={"dims": "shape"}, filled=True),
    "zeros_like": op("like"),
    "ones_like": op("like"),
    "random.normal": op("shape", "shape", random=True),
    "random.uniform": op("shape", "shape", random=True),
    "random.truncated_normal": op("shape", "shape", random=True),
    "constant": op("array", "object", "dtype", "shape", aliases={"value": "object"}),
    "convert_to_tensor": op("array", "object"),
    "Variable": op("parameter", "x", aliases={"initial_value": "x"}),
    "range": op("arange", "start", "stop", "step", aliases={"limit": "stop", "delta": "step"}),
    "linspace": op("linspace", "start", "stop", "num"),
    "eye": op("eye", "N", "M", aliases={"num_rows": "N", "num_columns": "M"}),
    "matmul": op("tf_matmul", "x", "y", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b"),
    "linalg.matmul": op(
        "tf_matmul", "x", "y", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b"
    ),
    "tensordot": op("tensordot", "x", "y", "axis"),
    "linalg.tensordot": op("tensordot", "x", "y", "axis"),
    "einsum": op("einsum", "subscripts", varargs="operands", aliases={"equation": "subscripts"}),
    "linalg.einsum": op(
        "einsum", "subscripts", varargs="operands", aliases={"equation": "subscripts"}
    ),
    "reshape": op("reshape", "x", "shape"),
    "transpose": op("permute", "x", "axis", aliases={"perm": "axis"}),
    "linalg.matrix_transpose": op("matrix_transpose"),
    "squeeze": op("squeeze", "x", "axis", strict=True),
    "expand_dims": op("expand_dims", "x", "axis"),
    "concat": op("concat", "seq", "axis"),
    "stack": op("stack", "seq", "axis"),
    "split": op(
        "split", "x", "sections", "axis", aliases={"num_or_size_splits": "sections", "value": "x"}
    ),
    "where": op("where", "condition", "x", "y", coordinates=True),
    "broadcast_to": op("broadcast_to", "x", "shape"),
    "argmax": op("reduce", "x", "axis"),
    "argmin": op("reduce", "x", "axis"),
    "shape": op("shape_of"),
    "compat.v1.placeholder": op("tf_placeholder", "dtype", "shape"),
    "nn.embedding_lookup": op("rows", "x", "index", aliases={"params": "x", "ids": "index"}),
    "gather": op("rows", "x", "index", aliases={"params": "x", "indices": "index"}),
    "one_hot": op(
        "one_hot", "x", "depth", "on_value", "off_value", "axis", aliases={"indices": "x"}
    ),
    # the labels first, the logits second, as TensorFlow names them
    "nn.softmax_cross_entropy_with_logits": op(
        "loss", "y", "x", aliases={"labels": "y", "logits": "x"}, loss="tf_softmax"
    ),
    "nn.sparse_softmax_cross_entropy_with_logits": op(
        "loss", "y", "x", aliases={"labels": "y", "logits": "x"}, loss="tf_sparse_softmax"
    ),
    "nn.sigmoid_cross_entropy_with_logits": op(
        "loss", "y", "x", aliases={"labels": "y", "logits": "x"}, loss="tf_same_shape"
    ),
    **{
        f"nn.conv{n}d": op(
            "tf_conv",
            "x",
            "weight",
            "stride",
            "padding",
            "data_format",
            aliases={"filters": "weight", "filter": "weight", "strides": "stride"},
        )
        for n in (1, 2, 3)
    },
    # {max,avg}_pool{1,2,3}d(input, ksize, strides, padding, data_format, name); max_pool/
    # avg_pool take any of the three ranks
    **{
        f"nn.{kind}_pool{suffix}": op(
            "tf_pool",
            "x",
            "ksize",
            "strides",
            "padding",
            "data_format",
            aliases={"value": "x"},
            ndim=ndim,
            pool=kind,
        )
        for kind in ("max", "avg")
        for suffix, ndim in (("1d", 1), ("2d", 2), ("3d", 3), ("", None))
    },
}
FUNCTIONS.update({name: op("identity") for name in _UNARY})
FUNCTIONS["convert_to_tensor"] = op("identity", aliases={"value": "x"})
FUNCTIONS.update(
    {name: op("elementwise", "x", "y", op_symbol=sym) for name, sym in _BINARY.items()}
)
FUNCTIONS.update({name: op("reduce", "x", "axis", "keepdims") for name in _REDUCE})
FUNCTIONS.update({f"linalg.{n}": op("identity") for n in ("inv", "l2_normalize")})

METHODS: dict[str, Op] = {
    "numpy": op("identity", framework="numpy"),
    "set_shape": op("tf_set_shape", "x", "shape"),
    "assign": op("identity"),
}

# every real parameter classified: see spec.py and tests/shapes/test_signatures.py
FUNCTIONS = declare(FUNCTIONS, tensorflow_params.FUNCTIONS)
METHODS = declare(METHODS, tensorflow_params.METHODS)
