"""Import alias resolution: every way of naming an API maps to one canonical dotted name.

``K.dot`` from ``from tensorflow.keras import backend as K`` and ``keras.backend.dot`` are the
same function to the models; relative and unknown imports resolve to nothing.
"""

from __future__ import annotations

import ast

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


# imports that only one Keras has: tf-keras is Keras 2; ``keras.ops`` (and ``keras_core``,
# its preview) exist only in Keras 3
_KERAS_2 = ("tf_keras",)
_KERAS_3 = ("keras.ops", "keras_core", "keras.random", "keras.config")


def imported_names(tree: ast.AST) -> list[str]:
    """The dotted names a module's imports bring in, anywhere in it (CPython's tree: the
    whole file, before the selective parse drops imports no finding needs); ``from keras
    import ops`` gives ``keras`` and ``keras.ops``."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def keras_generation(imported: list[str]) -> int | None:
    """Which Keras the module's imports (dotted names, ``from keras import ops`` as
    ``keras.ops``) show it uses: 2, 3, or None when they show neither (``import keras`` and
    ``tf.keras`` are Keras 3 or 2 depending on the installed versions) or both."""

    def under(name: str, roots: tuple[str, ...]) -> bool:
        return any(name == root or name.startswith(root + ".") for root in roots)

    two = any(under(name, _KERAS_2) for name in imported)
    three = any(under(name, _KERAS_3) for name in imported)
    if two == three:
        return None
    return 2 if two else 3
