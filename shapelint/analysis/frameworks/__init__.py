"""API models as data: one table per library, looked up by canonical dotted name."""

from __future__ import annotations

from shapelint.analysis.frameworks import (
    einops,
    jax,
    jax_libraries,
    keras,
    numpy,
    numpy_random,
    tensorflow,
    torch,
)
from shapelint.analysis.frameworks.spec import LayerSpec, Op

# (prefix, table, framework of the tensors it makes)
_FUNCTION_TABLES: tuple[tuple[str, dict[str, Op], str], ...] = (
    ("numpy.random.Generator.", numpy_random.GENERATOR, "numpy"),
    ("numpy.random.RandomState.", numpy_random.RANDOM_STATE, "numpy"),
    ("numpy.", numpy_random.CONSTRUCTORS, ""),
    ("numpy.", numpy.FUNCTIONS, "numpy"),
    ("jax.numpy.", jax.FUNCTIONS, "jax"),
    ("jax.random.", jax.RANDOM, "jax"),
    ("jax.nn.", jax.NN, "jax"),
    ("jax.lax.", jax.LAX, "jax"),
    ("jax.scipy.ndimage.", jax.SCIPY_NDIMAGE, "jax"),
    ("torch.", torch.FUNCTIONS, "torch"),
    ("tensorflow.", tensorflow.FUNCTIONS, "tensorflow"),
    ("keras.backend.", keras.BACKEND, "keras"),
    ("keras.ops.", keras.OPS, "keras"),
    ("keras.", keras.FUNCTIONAL_LAYERS, "keras"),
    ("keras.", keras.LOSSES, "keras"),
    ("einops.", einops.FUNCTIONS, ""),
)

_LAYER_TABLES: tuple[tuple[str, dict[str, LayerSpec], str], ...] = (
    ("torch.nn.", torch.LAYERS, "torch"),
    ("keras.layers.", keras.LAYERS, "keras"),
    ("keras.models.", keras.MODELS, "keras"),
    ("keras.", keras.MODELS, "keras"),
    ("keras.metrics.", keras.METRICS, "keras"),
    ("einops.layers.", einops.LAYERS, ""),
    ("flax.linen.", jax_libraries.FLAX_LINEN, "jax"),
    ("equinox.nn.", jax_libraries.EQUINOX_NN, "jax"),
)

_METHOD_TABLES: dict[str, dict[str, Op]] = {
    "numpy": numpy.METHODS,
    "jax": jax.METHODS,
    "torch": torch.METHODS,
    "tensorflow": tensorflow.METHODS,
    "keras": tensorflow.METHODS,
}


# ``imports.canonical`` folds ``tf.math.log`` into ``tensorflow.log``, while the table keys
# the functions that live only in ``tf.math`` by their real ``math.`` name
_SUBMODULES = {"tensorflow.": "math."}


def function_spec(qualname: str) -> tuple[Op, str] | None:
    """The model of a module-level function, and the framework of what it returns."""
    for prefix, table, framework in _FUNCTION_TABLES:
        if qualname.startswith(prefix):
            name = qualname[len(prefix) :]
            spec = table.get(name)
            if spec is None and prefix in _SUBMODULES:
                spec = table.get(_SUBMODULES[prefix] + name)
            if spec is not None:
                return spec, framework
    return None


def layer_spec(qualname: str) -> tuple[LayerSpec, str] | None:
    for prefix, table, framework in _LAYER_TABLES:
        if qualname.startswith(prefix):
            spec = table.get(qualname[len(prefix) :])
            if spec is not None:
                return spec, framework
    return None


def method_spec(framework: str, name: str) -> Op | None:
    table = _METHOD_TABLES.get(framework)
    return table.get(name) if table is not None else None


LAYER_BASES = frozenset(
    {
        "torch.nn.Module",
        "keras.layers.Layer",
        "keras.Layer",
        "keras.Model",
        "keras.models.Model",
    }
)
