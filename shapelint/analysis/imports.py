"""Import alias resolution: every way of naming an API maps to one canonical dotted name.

``K.dot`` from ``from tensorflow.keras import backend as K`` and ``keras.backend.dot`` are the
same function to the models; relative and unknown imports resolve to nothing.
"""

from __future__ import annotations

from shapelint.prefilter import ARRAY_LIBRARIES

ROOTS = ARRAY_LIBRARIES
# not array libraries, but their names are read by the models (``numbers.Integral`` and
# ``scipy.sparse.issparse`` by the type tests, ``math.sqrt``, ``random.randint`` and
# ``functools.partial`` by the value models); importing them alone does not make a file
# worth analysing
TYPE_ROOTS = ("numbers", "scipy", "math", "random", "functools")

# Longest prefix first: these are the spellings the models are written against.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tensorflow.python.keras.backend", "keras.backend"),
    ("tensorflow.python.keras", "keras"),
    ("tensorflow.compat.v1.keras", "keras"),
    ("tensorflow.keras.backend", "keras.backend"),
    ("tensorflow.keras", "keras"),
    ("tf_keras.backend", "keras.backend"),
    ("tf_keras", "keras"),
    ("keras.src.backend", "keras.backend"),
    ("keras.api", "keras"),
    ("tensorflow.compat.v2", "tensorflow"),
    ("tensorflow.math", "tensorflow"),
    ("tensorflow.linalg", "tensorflow.linalg"),
    ("tensorflow.random", "tensorflow.random"),
    ("torch.nn.modules", "torch.nn"),
    ("torch.functional", "torch"),
    ("jax.numpy.linalg", "numpy.linalg"),
    ("jax.numpy", "jax.numpy"),
    ("numpy.core", "numpy"),
    ("numpy.matlib", "numpy"),
)

# Sub-namespaces whose members are re-exported at a shorter path.
_FLATTEN: tuple[tuple[str, str], ...] = (
    ("keras.layers.core.", "keras.layers."),
    ("keras.layers.convolutional.", "keras.layers."),
    ("keras.layers.pooling.", "keras.layers."),
    ("keras.layers.recurrent.", "keras.layers."),
    ("keras.layers.merge.", "keras.layers."),
    ("torch.nn.linear.", "torch.nn."),
    ("torch.nn.conv.", "torch.nn."),
    ("torch.nn.container.", "torch.nn."),
    ("torch.nn.activation.", "torch.nn."),
    ("torch.nn.pooling.", "torch.nn."),
    ("torch.nn.parameter.", "torch.nn."),
)


def is_tracked(module: str) -> bool:
    root = module.split(".", 1)[0]
    return root in ROOTS or root in TYPE_ROOTS


def canonical(qualname: str) -> str:
    """The name the framework tables use for ``qualname``."""
    for prefix, replacement in _PREFIXES:
        if qualname == prefix or qualname.startswith(prefix + "."):
            qualname = replacement + qualname[len(prefix) :]
            break
    for prefix, replacement in _FLATTEN:
        if qualname.startswith(prefix):
            return replacement + qualname[len(prefix) :]
    return qualname
