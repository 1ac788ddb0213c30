"""Generic op implementations, one per ``kind`` named in the framework tables.

Each reads its arguments by role, asks the numeric core for the result, and reports what the
rules need: an ``OpFailed`` when the core proves the call raises, an ``Elementwise`` or
``MatrixProduct`` when one happens. Anything unreadable gives an unknown result.
"""

from __future__ import annotations

from collections.abc import Callable

from shapelint.analysis import (
    ops_constructors,
    ops_einops,
    ops_losses,
    ops_products,
    ops_random,
    ops_shaping,
)
from shapelint.analysis.opcall import Call, Emitter, bind
from shapelint.analysis.ops_losses import LOSSES
from shapelint.analysis.ops_shaping import elementwise
from shapelint.analysis.values import Value

__all__ = ["KINDS", "LOSSES", "Call", "Emitter", "apply", "bind", "elementwise"]

# every op kind the framework tables name, from its family's module
KINDS: dict[str, Callable[[Call], Value]] = {
    **ops_constructors.KINDS,
    **ops_shaping.KINDS,
    **ops_products.KINDS,
    **ops_losses.KINDS,
    **ops_einops.KINDS,
    **ops_random.KINDS,
}


def apply(call: Call) -> Value:
    impl = KINDS.get(call.spec.kind)
    if impl is None:
        return call.unknown()
    return impl(call)
