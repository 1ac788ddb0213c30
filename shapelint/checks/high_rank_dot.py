"""SHP004 high-rank-dot.

## What it does
Finds `np.dot`, `K.dot` (`keras.backend.dot`, `tf.keras.backend.dot`), Keras 3's `keras.ops.dot`
and `jnp.dot` whose
second operand has rank 3 or more while the first carries a batch too: rank 3 or more, or
a leading dim that may be the second operand's.

## Why is this bad?
N-D `dot` is not a batched matrix product: it contracts the last axis of the first operand
with the second-to-last axis of the second and keeps *every* other axis of both. Keras
`K.dot` of (2, 3, 4) and (7, 4, 5) gives (2, 3, 7, 5), multiplying the batch dimensions out;
a later reshape or reduction hides the mistake.

## Example
```python
from keras import backend as K

x = K.ones((2, 3, 4))
y = K.ones((2, 4, 5))
z = K.dot(x, y)
```

## Use instead
```python
z = K.batch_dot(x, y, axes=(2, 1))
```

## Known problems
A deliberate N-D `dot` (a tensor contraction over every batch pair) is better written with
`tensordot` or `einsum`, which says which axes are contracted. A matrix applied to a stack
(`np.dot(M, stack)` with `M` 2-D and its first dim not the stack's) is left alone: it is
written on purpose as often as by mistake.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import MatrixProduct
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.shape import Shape

DOT_OPS = {
    "numpy.dot": "np.dot",
    "keras.backend.dot": "K.dot",
    "keras.ops.dot": "ops.dot",
    "jax.numpy.dot": "jnp.dot",
}


BATCHED = {
    "keras.backend.dot": "batch_dot",
    "keras.ops.dot": "matmul",
    "numpy.dot": "matmul",
    "jax.numpy.dot": "matmul",
}


def _batched_fix(event: MatrixProduct) -> Rewrite | None:
    """The batched product, when both operands are provably batches of the same size
    (rank 3, equal first dims) of matrices that multiply: ``batch_dot``/``matmul`` then
    give one (batch, rows, cols) product per pair."""
    left, right = event.left.shape, event.right.shape
    if left.rank != 3 or right.rank != 3 or left.dims[0].equals(right.dims[0]) is not True:
        return None
    batched = fixing.product(left, right)
    if batched is None or batched.rank != 3:
        return None
    name = BATCHED[event.op]
    return Rewrite(
        f"use `{name}`: one product per batch item, {batched}",
        (Change(event.node, "callee", name),),
    )


def _batched_left(left: Shape, right: Shape) -> bool:
    """Whether the first operand carries the batch too: rank 3 or more, or a leading dim
    that may be the second operand's (``(B, 20)`` with ``(B, 20, 300)``)."""
    if left.rank is None or left.rank < 2:
        return False
    return left.rank >= 3 or left.dims[0].equals(right.dims[0]) is not False


class HighRankDot(Rule):
    code = "SHP004"
    name = "high-rank-dot"
    severity = Severity.WARNING
    summary = "`dot` with a rank-3+ second operand multiplies batch dimensions out"
    events = (MatrixProduct,)

    VALID = (
        "import numpy as np\na = np.ones((2, 3, 4))\nb = np.ones((4, 5))\nc = np.dot(a, b)\n",
        "import numpy as np\na = np.ones((2, 3))\nb = np.ones((4, 5, 3, 6))\nc = np.dot(a, b)\n",
    )
    INVALID = (
        "from keras import backend as K\nx = K.ones((2, 3, 4))\ny = K.ones((7, 4, 5))\n"
        "z = K.dot(x, y)  # SHP004: 5\n",
        "from keras import backend as K\nw = K.ones((4, 20))\ns = K.ones((4, 20, 300))\n"
        "c = K.dot(w, s)  # SHP004: 5\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if not isinstance(event, MatrixProduct) or event.op not in DOT_OPS:
            return
        rank = event.right.shape.rank
        if rank is None or rank < 3 or event.result is None:
            return  # a product that raises is SHP001's
        if not _batched_left(event.left.shape, event.right.shape):
            return  # a matrix applied to a stack: a deliberate N-D dot as often as not
        result = f" gives {event.result}"
        yield self.finding(
            event.node,
            f"`{DOT_OPS[event.op]}` of {event.left.shape} and {event.right.shape}{result}: N-D "
            f"dot multiplies the batch dimensions out instead of batching; use `matmul`, "
            f"`batch_dot` or `einsum`",
            _batched_fix(event),
        )
