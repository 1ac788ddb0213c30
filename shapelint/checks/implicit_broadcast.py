"""SHP006 implicit-broadcast.

## What it does
Finds an elementwise op (`+ - / ** < ==` ...) that expands *both* operands, such as `pred -
target` with (32,) and (32, 1), which broadcasts into (32, 32), when nothing (`None`,
`unsqueeze`, `reshape`, `keepdims=True`) shows that the expansion is meant; `keepdims=True`
shows it only for a kept axis meeting the size it was reduced from, so the (32, 1) max of a
(32, 4) tensor stretched to a (32,) vector is reported. A loss that
compares a prediction with its target element by element (`F.mse_loss`, `nn.L1Loss`) is
reported whatever made their axes: the two are meant to have one shape, and torch itself
only warns.

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

A grid that a constructor lays out (`linspace`, `arange`, `eye`) broadcast against a column
of another length builds a table on purpose (`jnp.sin(t + offset)` with `t` of (16,) and
`offset` of (n, 1)): not reported. Against a column of its own length (targets computed from
a `linspace` met by a (100, 1) prediction) it is. A tensor met with its own transpose
(`X - X.t()`, a kernel matrix) pairs its entries on purpose: not reported. Values written out
(`torch.tensor([2.0, 3.0])`) are data like any other.

## Known problems
Pairwise computations written without explicit `None` indexing are reported; add the
`None` to say the expansion is intended.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import Elementwise
from shapelint.analysis.values import GRID, Tensor
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.algebra import broadcast_expansion
from shapelint.shapes.shape import Dim, Shape


def _squeeze_fix(event: Elementwise) -> Rewrite | None:
    """When one operand is the other with a trailing 1, the op was meant between like
    tensors: ``.squeeze(-1)`` on that operand, so the result is the other's shape; or, for a
    framework whose tensors have no ``.squeeze``, ``[:, None]`` (``[..., None]``) on the
    other, so the result is the first's shape. The broadcast of the fixed operands is
    checked to be that shape."""
    pairs = ((0, event.left, event.right), (1, event.right, event.left))
    for index, extra, other in pairs:
        squeezed = fixing.without_last(extra.shape)
        if squeezed is None or not fixing.proven_equal(squeezed, other.shape):
            continue
        name = fixing.operand_name(event.node, index, "the operand")
        squeeze = fixing.SQUEEZE_LAST.get(extra.framework)
        if squeeze is not None and fixing.proven_equal(
            fixing.broadcast(squeezed, other.shape), other.shape
        ):
            return Rewrite(
                f"drop the trailing 1 of {name} {extra.shape}: the result is {other.shape}",
                (Change(event.node, "suffix", squeeze, operand=index),),
            )
        lift = fixing.NEW_LAST_AXIS.get(other.framework)
        lifted = fixing.with_last_one(other.shape)
        if (
            lift is not None
            and lifted is not None
            and fixing.proven_equal(fixing.broadcast(extra.shape, lifted), extra.shape)
        ):
            lift = "[:, None]" if other.shape.rank == 1 else lift
            shown = fixing.operand_name(event.node, 1 - index, "the other operand")
            return Rewrite(
                f"give {shown} {other.shape} the trailing axis of {name}: the result is "
                f"{extra.shape}",
                (Change(event.node, "suffix", lift, operand=1 - index),),
            )
    return None


def _transposed_copy(a: Tensor, b: Tensor) -> bool:
    """One operand is the other with its axes reordered (``X.t()``, ``X.T``, ``permute``):
    the same values, so the op pairs them with each other (a kernel matrix)."""
    if a.lineage != b.lineage or a.shape.variadic or b.shape.variadic:
        return False
    return sorted(map(str, a.shape.dims)) == sorted(map(str, b.shape.dims)) and (
        a.shape.equals(b.shape) is not True
    )


def _meets_itself(a: Shape, b: Shape) -> bool:
    """Whether a size each operand is stretched along is provably the size the other one
    is stretched along: ``(n,)`` against ``(n, 1)``, an ``(n, n)`` of pairs, the mark of a
    prediction met with its own targets rather than of a table laid out on purpose."""
    rank = max(len(a.dims), len(b.dims))
    ones = (Dim.of(1),)
    a_dims = ones * (rank - len(a.dims)) + a.dims
    b_dims = ones * (rank - len(b.dims)) + b.dims
    stretched_a = [y for x, y in zip(a_dims, b_dims, strict=True) if x.is_one() is True]
    stretched_b = [x for x, y in zip(a_dims, b_dims, strict=True) if y.is_one() is True]
    return any(p.equals(q) is True for p in stretched_a for q in stretched_b)


class ImplicitBroadcast(Rule):
    code = "SHP006"
    name = "implicit-broadcast"
    severity = Severity.WARNING
    summary = "an elementwise op silently expands both operands"
    events = (Elementwise,)

    VALID = (
        "import torch\npred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = pred - target.squeeze(1)\n",
        "import numpy as np\nt = np.linspace(0, 6.3, 16)\noffset = np.random.rand(100, 1)\n"
        "x = np.sin(t + offset)\n",
        "import torch\nX = torch.rand(100, 1)\nK = (-0.5 * (X - X.t()).pow(2)).exp()\n",
        "import numpy as np\na = np.ones(5)\nb = np.ones(7)\nd = a[:, None] - b[None, :]\n",
    )
    INVALID = (
        "import torch\npred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = pred - target  # SHP006: 8\n",
        "import numpy as np\nx = np.linspace(-1, 1, 100)\npred = np.random.rand(100, 1)\n"
        "loss = ((pred - np.sin(x)) ** 2).mean()  # SHP006: 10\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if not isinstance(event, Elementwise) or event.multiply or event.result is None:
            return
        left, right = event.left, event.right
        meant = left.intends(right.shape) or right.intends(left.shape)
        if meant and not event.paired:
            return
        if left.shape.min_rank == 0 or right.shape.min_rank == 0:
            return
        if (
            not event.paired
            and GRID in (left.origin, right.origin)
            and not _meets_itself(left.shape, right.shape)
        ):
            return  # a grid (``linspace``, ``arange``) against a column builds a table
        if not event.paired and _transposed_copy(left, right):
            return  # ``X - X.t()``: every pair of one tensor's entries, on purpose
        expands_left, expands_right = broadcast_expansion(left.shape, right.shape)
        if expands_left and expands_right and event.paired:
            yield self.finding(
                event.node,
                f"`{event.op}` compares {left.shape} with a target {right.shape}: they "
                f"broadcast into {event.result}, each prediction meeting targets it is not "
                f"paired with; give both one shape",
                _squeeze_fix(event),
            )
        elif expands_left and expands_right:
            yield self.finding(
                event.node,
                f"`{event.op}` broadcasts {left.shape} and {right.shape} into {event.result}: "
                f"both operands are expanded; reshape one, or index with `None` if this is meant",
                _squeeze_fix(event),
            )
