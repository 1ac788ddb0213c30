"""NumPy's random objects: a ``Generator`` (``np.random.default_rng()``) and the legacy
``RandomState``. Their methods draw arrays of the shape asked for, as the module-level
functions do; the object itself is modelled by the dotted name of its class, so
``rng.normal`` resolves like ``numpy.random.Generator.normal``."""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import Op, op

GENERATOR_CLASS = "numpy.random.Generator"
RANDOM_STATE_CLASS = "numpy.random.RandomState"

# the functions that make the objects (their result is the class's dotted name)
CONSTRUCTORS: dict[str, Op] = {
    "random.default_rng": op("object", "seed", object=GENERATOR_CLASS),
    "random.Generator": op("object", "bit_generator", object=GENERATOR_CLASS),
    "random.RandomState": op("object", "seed", object=RANDOM_STATE_CLASS),
}

# numpy.random.Generator methods, by their documented positional order. ``size`` is the
# shape role; "draw" draws ``size`` when given, else one value when every distribution
# parameter is a scalar (an array parameter broadcasts, so the shape is then its own).
_SIZE = {"size": "shape"}
GENERATOR: dict[str, Op] = {
    "random": op("shape", "shape", random=True),
    "standard_normal": op("shape", "shape", random=True),
    "standard_exponential": op("shape", "shape", random=True),
    "normal": op("draw", "loc", "scale", "shape"),
    "uniform": op("draw", "low", "high", "shape"),
    "integers": op("draw", "low", "high", "shape"),
    "exponential": op("draw", "scale", "shape"),
    "poisson": op("draw", "lam", "shape"),
    "binomial": op("draw", "n", "p", "shape"),
    "beta": op("draw", "a", "b", "shape"),
    "gamma": op("draw", "shape_param", "scale", "shape", aliases={"shape": "shape_param", **_SIZE}),
    "laplace": op("draw", "loc", "scale", "shape"),
    "choice": op("choice", "x", "shape"),
    "permutation": op("permutation", "x", "axis"),
}

# numpy.random.RandomState methods: the legacy module-level functions, bound to a state
RANDOM_STATE: dict[str, Op] = {
    "randn": op("shape", varargs="shape", random=True),
    "rand": op("shape", varargs="shape", random=True),
    "random_sample": op("shape", "shape", random=True),
    "random": op("shape", "shape", random=True),
    "standard_normal": op("shape", "shape", random=True),
    "normal": op("draw", "loc", "scale", "shape"),
    "uniform": op("draw", "low", "high", "shape"),
    "randint": op("draw", "low", "high", "shape"),
    "choice": op("choice", "x", "shape"),
    "permutation": op("permutation", "x"),
}
