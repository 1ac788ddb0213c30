"""SHP006 implicit-broadcast.

## What it does
Finds an elementwise op (`+ - / ** < ==` ...) that expands *both* operands, such as `pred -
target` with (32,) and (32, 1), which broadcasts into (32, 32), when nothing (`None`,
`unsqueeze`, `reshape`, `keepdims=True`) shows that the expansion is meant.

## Why is this bad?
Nothing raises. A loss computed from (32, 32) differences averages 1,024 pairs instead of
32, and the model trains toward the wrong target.

## Example
```python
import torch

pred = torch.randn(32)
target = torch.randn(32, 1)
loss = ((pred - target) ** 2).mean()
```

## Use instead
```python
loss = ((pred - target.squeeze(1)) ** 2).mean()
```

## Known problems
Pairwise computations written without explicit `None` indexing are reported; add the
`None` to say the expansion is intended.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import Elementwise
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.algebra import broadcast_expansion


def _squeeze_fix(event: Elementwise) -> Rewrite | None:
    """``.squeeze(-1)`` on the operand that is the other one with a trailing 1, so the result
    keeps the other operand's shape (what an elementwise op of two like tensors gives)."""
    for index, (extra, other) in enumerate(((event.left, event.right), (event.right, event.left))):
        squeezed = fixing.without_last(extra.shape)
        suffix = fixing.SQUEEZE_LAST.get(extra.framework)
        if squeezed is None or suffix is None or not fixing.proven_equal(squeezed, other.shape):
            continue
        if not fixing.proven_equal(fixing.broadcast(squeezed, other.shape), other.shape):
            continue
        name = f"`{extra.label}`" if extra.label else "the operand"
        return Rewrite(
            f"drop the trailing 1 of {name} {extra.shape}: the result is {other.shape}",
            (Change(event.node, "suffix", suffix, operand=index),),
        )
    return None


class ImplicitBroadcast(Rule):
    code = "SHP006"
    name = "implicit-broadcast"
    severity = Severity.WARNING
    summary = "an elementwise op silently expands both operands"
    events = (Elementwise,)

    VALID = (
        "import torch\npred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = pred - target.squeeze(1)\n",
        "import numpy as np\na = np.ones(5)\nb = np.ones(7)\nd = a[:, None] - b[None, :]\n",
    )
    INVALID = (
        "import torch\npred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = pred - target  # SHP006: 8\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if not isinstance(event, Elementwise) or event.multiply:
            return
        left, right = event.left, event.right
        if left.intent or right.intent:
            return
        if left.shape.min_rank == 0 or right.shape.min_rank == 0:
            return
        expands_left, expands_right = broadcast_expansion(left.shape, right.shape)
        if expands_left and expands_right:
            yield self.finding(
                event.node,
                f"`{event.op}` broadcasts {left.shape} and {right.shape} into {event.result}: "
                f"both operands are expanded; reshape one, or index with `None` if this is meant",
                _squeeze_fix(event),
            )
