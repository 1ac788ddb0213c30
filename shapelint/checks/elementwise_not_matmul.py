"""SHP002 elementwise-not-matmul.

## What it does
Finds `*` (or `multiply`) where a matrix product was meant: activations multiplied
elementwise by a weight matrix that a matrix product would fit, a column times a row
that broadcasting silently turns into an outer product, or two matrices that cannot
broadcast but that a matrix product takes (`q * k.T` with (5, 4) and (4, 5) of data, not
learned: SHP001 says it raises, this rule what was meant).

It decides by where the values come from, not by their shapes alone. Activations are what
a function or a module's `forward`/`call` is given and what is computed from it; a
one-sample `(1, n)` row of activations times a learned `(n, n)` matrix is reported too. A
scale or mask computed from parameters (`self.W * self.W.sum(0, keepdim=True)`) or
written as a constant is elementwise on purpose, and so is a product of two constants
(`np.eye(21, 1) * np.eye(21, 1).T`, a rank-one test matrix): neither is reported.

## Why is this bad?
Nothing raises. `features.t() * weights` with two (1, 5) tensors broadcasts a (5, 1) column
against a (1, 5) row into a (5, 5) matrix; `tf.multiply(x, W)` with a square `W` keeps the
input's shape. Training runs, and the model is silently wrong.

## Example
```python
import torch

features = torch.randn(1, 5)
weights = torch.randn(1, 5)
output = features.t() * weights
```

## Use instead
```python
output = features @ weights.t()
```

## Known problems
An outer product written on purpose with `*` should show its intent with `x[:, None]`,
`unsqueeze`, or `reshape`, which keeps this rule silent; `keepdims=True` keeps it silent only
where the kept axis meets the size it was reduced from.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import Elementwise
from shapelint.analysis.values import FIXED, INPUT, LEARNED, WRITTEN, Tensor
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.algebra import broadcast_expansion
from shapelint.shapes.shape import Shape


def _is_weight_matrix(t: Tensor) -> bool:
    return t.weight and t.shape.rank == 2 and all(d.is_one() is False for d in t.shape.dims)


def _matmul_would_fit(x: Tensor, w: Tensor) -> bool:
    """Activations (rows of features, one sample's ``(1, n)`` row included) against a weight
    a matrix product would take.

    Decided by where ``x`` comes from, not by its shape: a scale or mask computed from
    parameters or written as a constant is elementwise on purpose, whatever its shape;
    activations (what a function or a module's forward/call is given) are rows of features
    even when there is one row, unless the row was made to broadcast (``keepdim=True``,
    ``x[None]``). Of other values (random draws, unknown origin) a single row is taken for a
    scale (``w * torch.randn(1, n)``). Activations whose last two axes are
    the weight's shape meet it axis by axis (a learned positional scale), on purpose too.
    """
    if x.weight or x.origin in (LEARNED, *FIXED) or x.shape.min_rank < 2:
        return False
    if x.shape.dims[-2].is_one() is True and (x.origin != INPUT or x.intent):
        return False  # a row made to broadcast (``keepdim=True``, ``[None]``) is a scale
    if Shape(x.shape.dims[-2:]).equals(w.shape) is True:
        return False
    last = x.shape.dims[-1]
    return last.equals(w.shape.dims[0]) is True or last.equals(w.shape.dims[1]) is True


def _matmul_fix(event: Elementwise) -> Rewrite | None:
    """``x @ W`` (``matmul`` where a function was called) when the product provably has the
    shape the elementwise op was written to give: the activations' own shape (an elementwise
    op keeps its operand's shape), or the broadcast result."""
    x, w = event.left, event.right
    product = fixing.product(x.shape, w.shape)
    shapes = (x.shape,) if event.result is None else (x.shape, event.result)
    if not any(fixing.proven_equal(product, shape) for shape in shapes):
        return None
    if event.op == "*":
        return Rewrite(f"use `@`: the product is {product}", (Change(event.node, "operator", "@"),))
    return Rewrite(
        f"use `matmul`: the product is {product}", (Change(event.node, "callee", "matmul"),)
    )


class ElementwiseNotMatmul(Rule):
    code = "SHP002"
    name = "elementwise-not-matmul"
    severity = Severity.WARNING
    summary = "`*` where a matrix product was meant"
    events = (Elementwise,)

    VALID = (
        "import torch\nx = torch.randn(1, 5)\nw = torch.randn(1, 5)\ny = x * w\n",
        "import torch\nfrom torch import nn\nw = nn.Parameter(torch.randn(4, 6))\n"
        "mask = torch.ones(4, 6)\n"
        "pruned = w * mask\nscaled = w * torch.randn(6)\nrows = w * torch.randn(1, 6)\n",
        "import torch\nx = torch.randn(5)\ny = torch.randn(5)\nouter = x[:, None] * y[None, :]\n",
    )
    INVALID = (
        "import torch\nfeatures = torch.randn(1, 5)\nweights = torch.randn(1, 5)\n"
        "out = features.t() * weights  # SHP002: 7\n",
        "import torch\nfrom jaxtyping import Float\nfrom torch import nn\n"
        "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    return x * W  # SHP002: 12\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if not isinstance(event, Elementwise) or not event.multiply:
            return
        left, right = event.left, event.right
        if event.result is None:
            yield from self._unbroadcastable(event)
            return
        for x, w in ((left, right), (right, left)):
            if _is_weight_matrix(w) and _matmul_would_fit(x, w):
                yield self.finding(
                    event.node,
                    f"elementwise `{event.op}` of activations {x.shape} and weight matrix "
                    f"{w.shape}: a matrix product (`@`/`matmul`) was probably meant",
                    _matmul_fix(event) if x is left else None,
                )
                return
        if left.intends(right.shape) or right.intends(left.shape):
            return
        if left.origin in FIXED and right.origin in FIXED:
            return  # nothing learned, no data: a table or test matrix written out on purpose
        if WRITTEN in (left.origin, right.origin):
            return  # a column times a written-out row of coefficients builds its grid on purpose
        if left.shape.min_rank == 0 or right.shape.min_rank == 0:
            return
        expands_left, expands_right = broadcast_expansion(left.shape, right.shape)
        if expands_left and expands_right:
            yield self.finding(
                event.node,
                f"`{event.op}` broadcasts {left.shape} and {right.shape} into an outer product "
                f"{event.result}: a matrix product was probably meant (write `x[:, None]` or "
                f"`unsqueeze` if the outer product is intended)",
            )

    def _unbroadcastable(self, event: Elementwise) -> Iterator[Finding]:
        """Two matrices of data that cannot broadcast (the call raises) but whose matrix
        product is proven to fit (``q * k.T``): ``@`` was meant. Vectors and stacks of
        matrices are left to SHP001 alone (what a failed ``*`` of them meant is not clear),
        and so is a learned matrix: activations times a weight that fails may be a gate or
        a multiplication unit whose fix is another broadcast, not a product."""
        left, right = event.left, event.right
        if left.shape.rank != 2 or right.shape.rank != 2:
            return
        if any(t.weight or t.origin == LEARNED for t in (left, right)):
            return
        product = fixing.product(left.shape, right.shape)
        if product is None or not _inner_proven(left.shape, right.shape):
            return
        yield self.finding(
            event.node,
            f"`{event.op}` of {left.shape} and {right.shape} cannot broadcast, but their "
            f"matrix product fits, giving {product}: `@`/`matmul` was probably meant",
            _matmul_fix(event),
        )


def _inner_proven(a: Shape, b: Shape) -> bool:
    """The contracted dims of ``a @ b`` are provably equal (not merely possibly so)."""
    return a.dims[-1].equals(b.dims[-2]) is True
