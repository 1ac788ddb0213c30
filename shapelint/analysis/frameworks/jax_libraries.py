"""JAX's layer libraries: Flax linen and Equinox.

``flax.linen.Dense(features)`` maps the last dim like Keras' ``Dense(units)`` and infers its
input width on the first call, but also takes a single example (rank 1), where Keras wants a
batch; ``flax.linen.Embed(num_embeddings, features)`` appends a dim like Keras' ``Embedding``.
``equinox.nn.Linear(in_features, out_features, key=...)`` works on one example: its input is
the vector ``(in_features,)`` (batches go through ``jax.vmap``), so it is the torch
``Linear`` rule restricted to rank 1.
"""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import LayerSpec, layer

FLAX_LINEN: dict[str, LayerSpec] = {
    "Dense": layer("dense", "units", aliases={"features": "units"}, min_rank=1),
    "Embed": layer(
        "keras_embedding",
        "input_dim",
        "output_dim",
        aliases={"num_embeddings": "input_dim", "features": "output_dim"},
    ),
}

EQUINOX_NN: dict[str, LayerSpec] = {
    "Linear": layer("linear", "in_features", "out_features", "use_bias", unbatched=True),
}

# classes whose subclasses are modules: called through ``__call__``, built by ``setup`` (Flax)
# and constructed as dataclasses from their annotated fields
MODULE_BASES = frozenset({"flax.linen.Module", "equinox.Module"})
# how a Flax module is run from outside: ``init(rngs, *inputs)``, ``apply(variables, *inputs)``
MODULE_RUNS = frozenset({"init", "apply", "init_with_output"})
