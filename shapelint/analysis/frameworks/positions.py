"""The real parameters a modelled API takes by position past its table's roles.

A table entry lists only the leading positional parameters its kind reads (``Op.params``);
a call may pass more (``x.to(device)``, ``F.max_pool2d(x, 2, 2, 0, 1, True)``). Which real
parameter such an argument fills decides what the binder does with it: a shape-neutral one
(``device``) is ignored, a modelled one (``ceil_mode``) is bound, an unmodelled one makes
the result unknown. ``PAST_ROLES`` gives, per API, the names that can stand at each position
after the roles (``a|b`` when overloads differ), ending in ``*`` when a ``*args`` takes any
further ones (an empty tuple: the call takes no more). An API with no named signature
recorded is absent: its extra positionals are dropped, as before.

The tables are generated, one module per library (``past_roles_<library>.py``), from
``tests/data/signatures/`` by ``python scripts/record_frameworks.py --positions``;
``tests/shapes/test_signatures.py`` fails when they are stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shapelint.analysis.frameworks import (
    past_roles_einops,
    past_roles_jax,
    past_roles_keras,
    past_roles_numpy,
    past_roles_tensorflow,
    past_roles_torch,
)

VARIADIC = ("var_positional", "var_keyword")
POSITIONAL = ("positional_only", "positional_or_keyword")
MORE = "*"


def derive(signatures: Sequence[Sequence[Sequence[Any]]], roles: int) -> tuple[str, ...] | None:
    """The entry of ``PAST_ROLES`` for an API with these recorded signatures (lists of
    ``[name, kind, default]``) whose table names ``roles`` positions; None when no overload
    names a parameter (a bare ``(*args, **kwargs)`` tells nothing)."""
    named = [s for s in signatures if any(p[1] not in VARIADIC for p in s)]
    if not named:
        return None
    columns: list[set[str]] = []
    more = False
    for sig in named:
        positional = [p[0] for p in sig if p[1] in POSITIONAL]
        more = more or any(p[1] == "var_positional" for p in sig)
        for index, name in enumerate(positional):
            if index >= len(columns):
                columns.append(set())
            columns[index].add(name)
    past = tuple("|".join(sorted(c)) for c in columns[roles:])
    return past + ((MORE,) if more else ())


# where the recorded names of tensor methods live, by the framework of the receiver
METHOD_OWNERS = {
    "torch": "torch.Tensor.",
    "numpy": "numpy.ndarray.",
    "jax": "jax.Array.",
    "tensorflow": "tensorflow.Tensor.",
    "keras": "tensorflow.Tensor.",
}


def expected(apis: dict[str, list[Any]]) -> dict[str, tuple[str, ...]]:
    """``PAST_ROLES`` as the recorded signatures give it (API name -> its signatures)."""
    from shapelint.analysis.frameworks import function_spec, layer_spec, method_spec

    out: dict[str, tuple[str, ...]] = {}
    for api, signatures in sorted(apis.items()):
        spec: Any = None
        roles = 0
        for framework, prefix in METHOD_OWNERS.items():
            if api.startswith(prefix):
                spec = method_spec(framework, api[len(prefix) :])
                roles = -1  # the receiver's role is not in the signature
        if spec is None:
            found = layer_spec(api) or function_spec(api)
            spec = found[0] if found else None
        if spec is None:
            continue
        past = derive(signatures, roles + len(spec.params))
        if past is not None:
            out[api] = past
    return out


# the libraries the generated tables are split by (the first part of an API's name)
PAST_ROLE_LIBRARIES = ("einops", "jax", "keras", "numpy", "tensorflow", "torch")
PAST_ROLES: dict[str, tuple[str, ...]] = {
    **past_roles_einops.PAST_ROLES,
    **past_roles_jax.PAST_ROLES,
    **past_roles_keras.PAST_ROLES,
    **past_roles_numpy.PAST_ROLES,
    **past_roles_tensorflow.PAST_ROLES,
    **past_roles_torch.PAST_ROLES,
}
