"""PyTorch: ``torch.*``, ``torch.nn.functional``, tensor methods and ``torch.nn`` layers."""

from __future__ import annotations

from shapelint.analysis.frameworks import torch_params
from shapelint.analysis.frameworks.spec import LayerSpec, Op, declare, layer, op

_UNARY = (
    "abs exp exp2 expm1 log log2 log10 log1p sqrt rsqrt square sin cos tan tanh sigmoid relu "
    "neg negative sign floor ceil round trunc frac clamp clip nan_to_num reciprocal isnan isinf "
    "isfinite logical_not erf erfc softmax log_softmax cumsum cumprod flip roll tril triu "
    "sgn signbit detach clone conj real imag angle deg2rad rad2deg lgamma digamma sinh cosh "
    "asin acos atan arcsin arccos arctan logit fill_ zero_ normal_ uniform_ bernoulli dropout"
).split()

_BINARY = {
    "add": "+",
    "sub": "-",
    "subtract": "-",
    "mul": "*",
    "multiply": "*",
    "div": "/",
    "divide": "/",
    "true_divide": "/",
    "floor_divide": "//",
    "pow": "**",
    "remainder": "%",
    "fmod": "%",
    "maximum": "maximum",
    "minimum": "minimum",
    "fmax": "fmax",
    "fmin": "fmin",
    "gt": ">",
    "lt": "<",
    "ge": ">=",
    "le": "<=",
    "eq": "==",
    "ne": "!=",
    "greater": ">",
    "less": "<",
    "atan2": "atan2",
    "logical_and": "and",
    "logical_or": "or",
    "logical_xor": "xor",
    "hypot": "hypot",
}

_REDUCE = "sum mean prod amax amin logsumexp nansum nanmean any all".split()
_REDUCE_WITH_INDICES = "max min median mode".split()  # with a dim they return (values, indices)
_ARG_REDUCE = "argmax argmin".split()
# reductions whose positional parameters differ: norm(input, p, dim, keepdim),
# std/var(input, dim, unbiased, keepdim), count_nonzero(input, dim)
_ODD_REDUCE = {
    "norm": op("reduce", "x", "p", "axis", "keepdims"),
    "std": op("reduce", "x", "axis", "unbiased", "keepdims"),
    "var": op("reduce", "x", "axis", "unbiased", "keepdims"),
    "count_nonzero": op("reduce", "x", "axis"),
}
_SWAPAXES = {"axis0": "axis1", "axis1": "axis2"}  # torch.swapaxes(input, axis0, axis1)

FUNCTIONS: dict[str, Op] = {
    "zeros": op("shape", "shape", varargs="shape", filled=True),
    "ones": op("shape", "shape", varargs="shape", filled=True),
    "empty": op("shape", "shape", varargs="shape", filled=True),
    "randn": op("shape", "shape", varargs="shape", random=True),
    "rand": op("shape", "shape", varargs="shape", random=True),
    "full": op("shape", "shape", "fill_value", filled=True),
    "randint": op("randint", "low", "high", "shape"),
    "normal": op("normal", "mean", "std", "shape"),
    "zeros_like": op("like"),
    "ones_like": op("like"),
    "empty_like": op("like"),
    "full_like": op("like"),
    "randn_like": op("like", random=True, sized="randn"),
    "rand_like": op("like", random=True, sized="rand"),
    "randint_like": op("like", random=True),
    "tensor": op("array", "object"),
    "as_tensor": op("array", "object"),
    "from_numpy": op("array", "object", aliases={"ndarray": "object"}),
    "Tensor": op("tensor_ctor", varargs="shape"),
    "FloatTensor": op("tensor_ctor", varargs="shape"),
    "LongTensor": op("tensor_ctor", varargs="shape"),
    "arange": op("arange", "start", "stop", "step"),
    "linspace": op("linspace", "start", "stop", "num", aliases={"steps": "num"}),
    "eye": op("eye", "N", "M", aliases={"n": "N", "m": "M"}),
    "matmul": op("matmul", "x", "y"),
    "mm": op("mm", "x", "y"),
    "bmm": op("bmm", "x", "y"),
    "mv": op("mv", "x", "y"),
    "dot": op("vdot", "x", "y", aliases={"tensor": "y"}),
    "outer": op("outer", "x", "y"),
    "ger": op("outer", "x", "y"),
    "tensordot": op("tensordot", "x", "y", "axis", aliases={"dims": "axis"}),
    "einsum": op("einsum", "subscripts", varargs="operands"),
    "reshape": op("reshape", "x", "shape"),
    "permute": op("permute", "x", "axis", aliases={"dims": "axis"}),
    "transpose": op("swapaxes", "x", "axis1", "axis2", aliases={"dim0": "axis1", "dim1": "axis2"}),
    "swapaxes": op("swapaxes", "x", "axis1", "axis2", aliases=_SWAPAXES),
    "t": op("torch_t"),
    "squeeze": op("squeeze", "x", "axis", strict=False),
    "unsqueeze": op("expand_dims", "x", "axis"),
    "flatten": op("flatten", "x", "start_dim", "end_dim"),
    "cat": op("concat", "seq", "axis", default_axis=0),
    "concat": op("concat", "seq", "axis", default_axis=0),
    "concatenate": op("concat", "seq", "axis", default_axis=0),
    "stack": op("stack", "seq", "axis"),
    "vstack": op("vstack", "seq"),
    "hstack": op("hstack", "seq"),
    "chunk": op("torch_chunk", "x", "sections", "axis"),
    "split": op("torch_split", "x", "sections", "axis"),
    "gather": op("gather", "x", "axis", "index"),
    "where": op("where", "condition", "x", "y"),
    "broadcast_to": op("broadcast_to", "x", "shape"),
    "nn.Parameter": op("parameter", "x"),
    "nn.parameter.Parameter": op("parameter", "x"),
    "nn.functional.linear": op("f_linear", "x", "weight", "bias"),
    "nn.functional.mse_loss": op("loss", "x", "y", aliases={"target": "y"}, loss="pointwise"),
    "nn.functional.l1_loss": op("loss", "x", "y", aliases={"target": "y"}, loss="pointwise"),
    "nn.functional.smooth_l1_loss": op("loss", "x", "y", aliases={"target": "y"}, loss="pointwise"),
    "nn.functional.huber_loss": op("loss", "x", "y", aliases={"target": "y"}, loss="pointwise"),
    "nn.functional.cross_entropy": op("loss", "x", "y", aliases={"target": "y"}, loss="class"),
    "nn.functional.nll_loss": op("loss", "x", "y", aliases={"target": "y"}, loss="class_index"),
    "nn.functional.binary_cross_entropy": op(
        "loss", "x", "y", aliases={"target": "y"}, loss="same_shape"
    ),
    "nn.functional.binary_cross_entropy_with_logits": op(
        "loss", "x", "y", aliases={"target": "y"}, loss="same_shape"
    ),
    **{
        f"nn.functional.conv{n}d": op(
            "f_conv", "x", "weight", "bias", "stride", "padding", "dilation", "groups"
        )
        for n in (1, 2, 3)
    },
    "nn.functional.pad": op("unknown"),
    # batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)
    "nn.functional.batch_norm": op(
        "batch_norm", "x", "running_mean", "running_var", "weight", "bias"
    ),
    # max_poolNd(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    **{
        f"nn.functional.max_pool{n}d": op(
            "f_pool", "x", "kernel_size", "stride", "padding", "dilation", "ceil_mode", ndim=n
        )
        for n in (1, 2, 3)
    },
    # avg_poolNd(input, kernel_size, stride, padding, ceil_mode, count_include_pad, ...)
    **{
        f"nn.functional.avg_pool{n}d": op(
            "f_pool", "x", "kernel_size", "stride", "padding", "ceil_mode", ndim=n, pool="avg"
        )
        for n in (1, 2, 3)
    },
    **{
        f"nn.functional.adaptive_{kind}_pool{n}d": op("f_adaptive_pool", "x", "output_size", ndim=n)
        for kind in ("max", "avg")
        for n in (1, 2, 3)
    },
    "nn.functional.one_hot": op("unknown"),
    "nn.functional.embedding": op("unknown"),
    "nn.functional.interpolate": op(
        "torch_interpolate",
        "x",
        "size",
        "scale_factor",
        "mode",
        "align_corners",
        "recompute_scale_factor",
        "antialias",
    ),
    "argsort": op("identity"),
    "sort": op("unknown"),
    "topk": op("unknown"),
}
# in-place samplers exist only as methods
FUNCTIONS.update({name: op("identity") for name in _UNARY if name not in ("normal_", "uniform_")})
# clamp(input, min=None, max=None): a tensor bound broadcasts with the input
_CLAMP = {name: op("torch_clamp", "x", "min", "max") for name in ("clamp", "clip")}
FUNCTIONS.update(_CLAMP)
FUNCTIONS.update(
    {
        f"nn.functional.{n}": op("identity")
        for n in (
            "relu relu6 elu selu gelu silu mish sigmoid tanh softmax log_softmax softplus "
            "leaky_relu "
            "hardtanh hardswish dropout dropout2d normalize layer_norm"
        ).split()
    }
)
FUNCTIONS.update(
    {name: op("elementwise", "x", "y", op_symbol=sym) for name, sym in _BINARY.items()}
)
FUNCTIONS.update({name: op("reduce", "x", "axis", "keepdims") for name in _REDUCE + _ARG_REDUCE})
FUNCTIONS.update(_ODD_REDUCE)
FUNCTIONS.update(
    {
        name: op("reduce_or_elementwise", "x", "axis", "keepdims", op_symbol=name)
        for name in _REDUCE_WITH_INDICES
    }
)

METHODS: dict[str, Op] = {
    "view": op("reshape", "x", "shape", varargs="shape"),
    "reshape": op("reshape", "x", "shape", varargs="shape"),
    "view_as": op("shape_as", "x", "y"),
    "reshape_as": op("shape_as", "x", "y"),
    "expand_as": op("shape_as", "x", "y"),
    "type_as": op("identity", aliases={"tensor": "y"}),
    "permute": op("permute", "x", "axis", varargs="axis", aliases={"dims": "axis"}),
    "transpose": op("swapaxes", "x", "axis1", "axis2", aliases={"dim0": "axis1", "dim1": "axis2"}),
    "swapaxes": op("swapaxes", "x", "axis1", "axis2", aliases=_SWAPAXES),
    "t": op("torch_t"),
    "flatten": op("flatten", "x", "start_dim", "end_dim"),
    "squeeze": op("squeeze", "x", "axis", strict=False),
    "unsqueeze": op("expand_dims", "x", "axis"),
    "expand": op("expand", "x", "shape", varargs="shape"),
    "repeat": op("repeat", "x", "shape", varargs="shape"),
    "chunk": op("torch_chunk", "x", "sections", "axis"),
    "split": op("torch_split", "x", "sections", "axis"),
    "gather": op("gather", "x", "axis", "index"),
    "matmul": op("matmul", "x", "y"),
    "mm": op("mm", "x", "y"),
    "bmm": op("bmm", "x", "y"),
    "mv": op("mv", "x", "y"),
    "dot": op("vdot", "x", "y", aliases={"tensor": "y"}),
    "size": op("size", "x", "axis"),
    "dim": op("ndim"),
    "ndimension": op("ndim"),
    "numel": op("numel"),
    "unsqueeze_": op("invalidate"),
    "squeeze_": op("invalidate"),
    "t_": op("invalidate"),
    "transpose_": op("invalidate"),
    "resize_": op("invalidate"),
    "resize_as_": op("invalidate"),
    "set_": op("invalidate"),
    "as_strided_": op("invalidate"),
    "tolist": op("unknown"),
    "item": op("unknown"),
    "numpy": op("identity", framework="numpy"),
    "masked_fill": op("masked_fill", "x", "mask"),
    "masked_fill_": op("masked_fill", "x", "mask", inplace=True),
}
for _name in (
    "float double half int long bool byte char short to cuda cpu contiguous requires_grad_ "
    "detach_ clone pin_memory type abs_ clamp_ mul_ add_ sub_ div_ copy_ "
    "index_fill scatter scatter_ scatter_add index_put_ "
).split():
    METHODS[_name] = op("identity")
for _name in _UNARY:
    if _name != "dropout":  # a function only
        METHODS.setdefault(_name, op("identity"))
METHODS.update(_CLAMP)
for _name, _sym in _BINARY.items():
    METHODS[_name] = op("elementwise", "x", "y", op_symbol=_sym)
for _name in _REDUCE + _ARG_REDUCE:
    METHODS[_name] = op("reduce", "x", "axis", "keepdims")
METHODS.update(_ODD_REDUCE)
for _name in _REDUCE_WITH_INDICES:
    METHODS[_name] = op("reduce_or_elementwise", "x", "axis", "keepdims", op_symbol=_name)

_IDENTITY_LAYERS = (
    "ReLU ReLU6 LeakyReLU PReLU ELU SELU CELU GELU SiLU Mish Sigmoid Tanh Softmax LogSoftmax "
    "Softplus Softsign Hardtanh Hardswish Hardsigmoid Tanhshrink Threshold Identity "
    "Dropout Dropout1d Dropout2d Dropout3d AlphaDropout GroupNorm InstanceNorm1d InstanceNorm2d "
    "InstanceNorm3d LocalResponseNorm"
).split()

_CONV = ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups")
_CONV_TRANSPOSE = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "output_padding",
    "groups",
    "bias",
    "dilation",
)
_POOL = ("kernel_size", "stride", "padding")

LAYERS: dict[str, LayerSpec] = {
    "Linear": layer("linear", "in_features", "out_features", "bias"),
    "LazyLinear": layer("dense", "units", aliases={"out_features": "units"}),
    "Bilinear": layer("bilinear", "in1_features", "in2_features", "out_features"),
    "Flatten": layer("torch_flatten", "start_dim", "end_dim"),
    "Unflatten": layer("unflatten", "dim", "unflattened_size"),
    "Embedding": layer("embedding", "num_embeddings", "embedding_dim"),
    "RNN": layer("rnn", "input_size", "hidden_size", "num_layers"),
    "LSTM": layer("rnn", "input_size", "hidden_size", "num_layers"),
    "GRU": layer("rnn", "input_size", "hidden_size", "num_layers"),
    "MultiheadAttention": layer("multihead_attention", "embed_dim", "num_heads"),
    "BatchNorm1d": layer("batchnorm", "num_features"),
    "BatchNorm2d": layer("batchnorm", "num_features"),
    "BatchNorm3d": layer("batchnorm", "num_features"),
    "LayerNorm": layer("layernorm", "normalized_shape"),
    "MSELoss": layer("loss", "size_average", "reduce", "reduction", loss="pointwise"),
    "L1Loss": layer("loss", "size_average", "reduce", "reduction", loss="pointwise"),
    "SmoothL1Loss": layer("loss", "size_average", "reduce", "reduction", loss="pointwise"),
    "HuberLoss": layer("loss", "reduction", loss="pointwise"),
    "CrossEntropyLoss": layer(
        "loss", "weight", "size_average", "ignore_index", "reduce", "reduction", loss="class"
    ),
    "NLLLoss": layer(
        "loss", "weight", "size_average", "ignore_index", "reduce", "reduction", loss="class_index"
    ),
    "BCELoss": layer("loss", "weight", "size_average", "reduce", "reduction", loss="same_shape"),
    "BCEWithLogitsLoss": layer(
        "loss", "weight", "size_average", "reduce", "reduction", loss="same_shape"
    ),
    "PixelShuffle": layer("pixel_shuffle", "upscale_factor"),
    "Upsample": layer(
        "upsample", "size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"
    ),
    "PixelUnshuffle": layer("pixel_unshuffle", "downscale_factor"),
    "TransformerEncoderLayer": layer("transformer_encoder_layer", "d_model"),
    "TransformerEncoder": layer("transformer_encoder", "encoder_layer", "num_layers", "norm"),
    "Sequential": layer("sequential"),
    "ModuleList": layer("module_list", "modules"),
}
for _n in (1, 2, 3):  # the same layers in 1, 2 and 3 spatial dims
    LAYERS[f"Conv{_n}d"] = layer("conv", *_CONV, ndim=_n)
    LAYERS[f"ConvTranspose{_n}d"] = layer("conv_transpose", *_CONV_TRANSPOSE, ndim=_n)
    LAYERS[f"MaxPool{_n}d"] = layer("pool", *_POOL, "dilation", ndim=_n)
    LAYERS[f"AvgPool{_n}d"] = layer("pool", *_POOL, ndim=_n, pool="avg")
    LAYERS[f"AdaptiveAvgPool{_n}d"] = layer("adaptive_pool", "output_size", ndim=_n)
    LAYERS[f"AdaptiveMaxPool{_n}d"] = layer("adaptive_pool", "output_size", ndim=_n)
LAYERS.update({name: layer("identity") for name in _IDENTITY_LAYERS})

# every real parameter classified: see spec.py and tests/shapes/test_signatures.py
FUNCTIONS = declare(FUNCTIONS, torch_params.FUNCTIONS)
METHODS = declare(METHODS, torch_params.METHODS)
LAYERS = declare(LAYERS, torch_params.LAYERS)


# functions that are an ``assert`` statement: ``torch._assert(condition, message)`` (what
# scripting code writes for ``assert``) and ``torch._check(condition, message)`` raise when
# the condition is false
ASSERTING = frozenset({"torch._assert", "torch._check"})
