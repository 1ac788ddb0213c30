"""Op kinds by name: every ``kind`` the framework tables name, and applying one to a call.

Each family lives in its own module (``ops_constructors``, ``ops_shaping``, ``ops_products``,
``ops_losses``, ``ops_einops``, all over ``opcall``); this module only merges their tables. A
kind reads its arguments by role, asks the numeric core for the result, and reports what the
rules need: an ``OpFailed`` when the core proves the call raises, an ``Elementwise`` or
``MatrixProduct`` when one happens. Anything unreadable gives an unknown result.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import (
    ops_constructors,
    ops_einops,
    ops_jax,
    ops_losses,
    ops_products,
    ops_random,
    ops_repeat,
    ops_shaping,
    ops_tf,
    ops_torch,
)
from shapelint.analysis.opcall import Call, Emitter
from shapelint.analysis.ops_losses import LOSSES
from shapelint.analysis.ops_shaping import elementwise
from shapelint.analysis.values import Value

__all__ = ["KINDS", "LOSSES", "Call", "Emitter", "apply", "elementwise"]

# every op kind the framework tables name, from its family's module
KINDS: dict[str, Callable[[Call], Value]] = {
    **ops_constructors.KINDS,
    **ops_shaping.KINDS,
    **ops_products.KINDS,
    **ops_losses.KINDS,
    **ops_einops.KINDS,
    **ops_jax.KINDS,
    **ops_random.KINDS,
    **ops_repeat.KINDS,
    **ops_tf.KINDS,
    **ops_torch.KINDS,
}


def apply(call: Call) -> Value:
    impl = KINDS.get(call.spec.kind)
    if impl is None:
        return call.unknown()
    return impl(call)
