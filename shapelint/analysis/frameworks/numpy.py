"""NumPy: module functions and ndarray methods. JAX's ``jax.numpy`` shares these tables."""

from __future__ import annotations

from shapelint.analysis.frameworks import numpy_params
from shapelint.analysis.frameworks.spec import Op, declare, op

_UNARY = (
    "abs absolute exp exp2 expm1 log log2 log10 log1p sqrt square sin cos tan tanh arcsin arccos "
    "arctan sinh cosh negative positive sign floor ceil round rint trunc fix clip nan_to_num "
    "real imag conj conjugate reciprocal isnan isinf isfinite logical_not copy "
    "sort flip fliplr flipud roll"
).split()

_BINARY = {
    "add": "+",
    "subtract": "-",
    "multiply": "*",
    "divide": "/",
    "true_divide": "/",
    "floor_divide": "//",
    "power": "**",
    "mod": "%",
    "remainder": "%",
    "maximum": "maximum",
    "minimum": "minimum",
    "fmax": "fmax",
    "fmin": "fmin",
    "greater": ">",
    "less": "<",
    "equal": "==",
    "not_equal": "!=",
    "greater_equal": ">=",
    "less_equal": "<=",
    "logical_and": "and",
    "logical_or": "or",
    "logical_xor": "xor",
    "arctan2": "arctan2",
    "hypot": "hypot",
    "heaviside": "heaviside",
}

_REDUCE = (
    "sum mean max min prod std var median amax amin nansum nanmean nanmax nanmin any all ptp "
    "average"
).split()
_ARG_REDUCE = "argmax argmin".split()

FUNCTIONS: dict[str, Op] = {
    # constructors
    "zeros": op("shape", "shape", filled=True),
    "ones": op("shape", "shape", filled=True),
    "empty": op("shape", "shape", filled=True),
    "full": op("shape", "shape", "fill_value", filled=True),
    "zeros_like": op("like"),
    "ones_like": op("like"),
    "empty_like": op("like"),
    "full_like": op("like"),
    "array": op("array", "object"),
    "asarray": op("array", "object", aliases={"a": "object"}),
    "asanyarray": op("array", "object", aliases={"a": "object"}),
    "ascontiguousarray": op("array", "object", aliases={"a": "object"}),
    "asarray_chkfinite": op("array", "object", aliases={"a": "object"}),
    "arange": op("arange", "start", "stop", "step"),
    "linspace": op("linspace", "start", "stop", "num", default_num=50),
    "logspace": op("linspace", "start", "stop", "num", default_num=50),
    "eye": op("eye", "N", "M"),
    "identity": op("eye", "N"),
    "random.randn": op("shape", varargs="shape", random=True),
    "random.rand": op("shape", varargs="shape", random=True),
    "random.random": op("shape", "shape", random=True),
    "random.random_sample": op("shape", "shape", random=True),
    "random.normal": op("shape", "loc", "scale", "shape", random=True),
    "random.uniform": op("shape", "low", "high", "shape", random=True),
    "random.randint": op("shape", "low", "high", "shape", random=True),
    "random.standard_normal": op("shape", "shape", random=True),
    "random.permutation": op("permutation", "x"),
    # products
    "matmul": op("matmul", "x", "y"),
    "dot": op("dot", "x", "y"),
    "vdot": op("vdot", "x", "y"),
    "tensordot": op("tensordot", "x", "y", "axis"),
    "einsum": op("einsum", "subscripts", varargs="operands"),
    "outer": op("outer", "x", "y"),
    # shape manipulation
    "reshape": op("reshape", "x", "shape"),
    "transpose": op("permute", "x", "axis"),
    "swapaxes": op("swapaxes", "x", "axis1", "axis2"),
    "moveaxis": op("moveaxis", "x", "source", "destination"),
    "squeeze": op("squeeze", "x", "axis", strict=True),
    "expand_dims": op("expand_dims", "x", "axis"),
    "concatenate": op("concat", "seq", "axis", default_axis=0),
    "concat": op("concat", "seq", "axis", default_axis=0),
    "stack": op("stack", "seq", "axis"),
    "vstack": op("vstack", "seq"),
    "row_stack": op("vstack", "seq"),
    "hstack": op("hstack", "seq"),
    "column_stack": op("column_stack", "seq"),
    "dstack": op("dstack", "seq"),
    "insert": op("insert", "x", "obj", "values", "axis"),
    "ravel": op("flatten", "x"),
    "atleast_2d": op("atleast_2d", "x"),
    "broadcast_to": op("broadcast_to", "x", "shape"),
    "where": op("where", "condition", "x", "y"),
    "split": op("split", "x", "sections", "axis"),
    "array_split": op("split", "x", "sections", "axis", inexact=True),
    "diag": op("unknown"),
    "tril": op("triangle", "x", aliases={"m": "x"}),
    "triu": op("triangle", "x", aliases={"m": "x"}),
    "linalg.inv": op("identity"),
    "linalg.norm": op("reduce", "x", "ord", "axis", "keepdims"),
    "linalg.pinv": op("reverse_last2"),
    "argsort": op("identity"),
    "cumsum": op("cumulative", "x", "axis"),
    "cumprod": op("cumulative", "x", "axis"),
    "repeat": op("np_repeat", "x", "repeats", "axis"),
    "tile": op("tile", "x", "reps", aliases={"A": "x"}),
}
FUNCTIONS.update({name: op("identity") for name in _UNARY})
FUNCTIONS.update({name: op("identity", aliases={"val": "x"}) for name in ("real", "imag")})
FUNCTIONS.update(
    {name: op("elementwise", "x", "y", op_symbol=sym) for name, sym in _BINARY.items()}
)
FUNCTIONS.update({name: op("reduce", "x", "axis") for name in _REDUCE})
FUNCTIONS.update({name: op("reduce", "x", "axis") for name in _ARG_REDUCE})

METHODS: dict[str, Op] = {
    "reshape": op("reshape", "x", "shape", varargs="shape"),
    "transpose": op("permute", "x", "axis", varargs="axis"),
    "swapaxes": op("swapaxes", "x", "axis1", "axis2"),
    "squeeze": op("squeeze", "x", "axis", strict=True),
    "flatten": op("flatten", "x"),
    "ravel": op("flatten", "x"),
    "dot": op("dot", "x", "y"),
    "astype": op("identity"),
    "copy": op("identity"),
    "clip": op("identity"),
    "round": op("identity"),
    "cumsum": op("cumulative", "x", "axis"),
    "repeat": op("np_repeat", "x", "repeats", "axis"),
    "sort": op("inplace_identity"),
    "fill": op("inplace_identity"),
    "resize": op("invalidate"),
    "tolist": op("unknown"),
    "item": op("unknown"),
}
METHODS.update(
    {name: op("reduce", "x", "axis", "dtype", "out") for name in ("sum", "mean", "prod")}
)
METHODS.update(
    {
        name: op("reduce", "x", "axis", "out")
        for name in ("max", "min", "any", "all", "argmax", "argmin")
    }
)
METHODS.update({name: op("reduce", "x", "axis", "dtype", "out", "ddof") for name in ("std", "var")})

# every real parameter classified: see spec.py and tests/shapes/test_signatures.py
FUNCTIONS = declare(FUNCTIONS, numpy_params.FUNCTIONS)
METHODS = declare(METHODS, numpy_params.METHODS)
