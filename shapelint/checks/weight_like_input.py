"""SHP003 weight-like-input.

## What it does
Finds a weight drawn with the shape of the input it is then combined with:
`weights = torch.randn_like(features)`, `w = np.random.randn(*x.shape)`,
`jax.random.uniform(key, x.shape)`, `np.random.normal(size=x.shape)`,
`rng.random(x.shape)` of a NumPy `Generator` or `RandomState`,
`nn.Parameter(torch.randn_like(x))` or `self.add_weight(shape=input_shape)` in a Keras
`build`, followed by a product of the two. A copy filled with one value
(`w = np.full_like(x, 0.1)`) counts when its name says weight. It is reported where the
weight is made (that line is the one to change); the message names the product, and the
product is a related place of the finding.

## Why is this bad?
A weight maps `in_features` to `out_features`; its shape is `(in, out)` (or `(out, in)`), not
the shape of one batch of inputs. A weight shaped like the input either fails in the matrix
product or, multiplied elementwise, silently computes something else. It also ties the
weight's size to the batch size.

## Example
```python
import torch

features = torch.randn(1, 5)
weights = torch.randn_like(features)
y = torch.mm(features, weights.t())
```

## Use instead
```python
weights = torch.randn(5, 1)
y = torch.mm(features, weights)
```

This is the fix offered for a weight on the right of one matrix product: the weight drawn
as `(in_features, out_features)`, `in` from the input's last dim and `out` from the
product's, and used as drawn (a `.t()`, `.T` or `.view(...)` after it dropped). It is
offered only when the product then provably has the shape it has now, and not when the
weight is combined in more than one place.

## Known problems
Noise added to an input (`x + torch.randn_like(x)`) is not a weight and is not reported;
neither is multiplicative noise (`x * torch.randn_like(x)`) unless its name says weight
(`w`, `weights`, `kernel`, `theta`) or it is a learned parameter scaling the inputs it
copied. A learned mask over another parameter (`weight * mask`, pruning) is not reported,
nor is an unnamed filled copy (`np.ones_like(x).T @ x` sums columns).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from shapelint.analysis.events import Elementwise, MatrixProduct
from shapelint.analysis.values import CONSTANT, DRAWN, INPUT, LEARNED, Tensor
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.shape import Shape

_WEIGHT_NAME = re.compile(r"(?i)(w\d*|w_\w*|\w*weights?\w*|\w*kernel\w*|theta)")


class WeightLikeInput(Rule):
    code = "SHP003"
    name = "weight-like-input"
    severity = Severity.WARNING
    summary = "a weight is created from an input's shape and combined with that input"
    events = (Elementwise, MatrixProduct)

    VALID = (
        "import torch\nx = torch.randn(4, 5)\nnoisy = x + torch.randn_like(x)\n",
        "import torch\nx = torch.randn(4, 5)\nw = torch.randn(5, 3)\ny = x @ w\n",
    )
    INVALID = (
        "import torch\nfeatures = torch.randn(1, 5)\n"
        "weights = torch.randn_like(features)  # SHP003: 11\n"
        "y = torch.mm(features, weights.t())\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if isinstance(event, MatrixProduct):
            pairs = ((event.left, event.right), (event.right, event.left))
            elementwise = False
        elif isinstance(event, Elementwise) and event.multiply and event.result is not None:
            pairs = ((event.left, event.right), (event.right, event.left))
            elementwise = True
        else:
            return
        for x, w in pairs:
            if self._copies(w, x, elementwise):
                name = f"`{w.label}`" if w.label else "the weight"
                source = f"`{x.label}`" if x.label else "the input"
                product = _code(event.node)
                drawn = w.drawn.shape if w.drawn is not None else w.shape
                made = "filled" if _filled(w) else "drawn"
                finding = self.finding(
                    w.drawn.at if w.drawn is not None else event.node,
                    f"{name} {drawn} is {made} with the shape of {source} and combined with "
                    f"it in `{product}`: a weight should be shaped (in_features, out_features), "
                    f"not like the input",
                    _sized_weight_fix(event, x, w),
                )
                yield replace(
                    finding, related=((event.node, f"{name} is combined with {source} here"),)
                )
                return

    @staticmethod
    def _copies(w: Tensor, x: Tensor, elementwise: bool) -> bool:
        """``w`` copied ``x``'s shape and is a weight: by its name; in a matrix product, by
        being drawn at random (a filled copy, ``full_like(x, 0.1)``, is often a mask or a
        ones-vector, so only its name says weight); elementwise, by being a learned
        parameter scaling the data or activations it copied (``add_weight(shape=input_shape)``
        times the inputs; a learned mask over another parameter stays silent)."""
        if w.like is None or w.like != x.lineage:
            return False
        named = bool(w.label and _WEIGHT_NAME.fullmatch(w.label))
        if _filled(w):  # and still as filled: not a buffer written
            return named and w.origin == CONSTANT
        if named:
            return True
        return not elementwise or (w.origin == LEARNED and x.origin in (INPUT, DRAWN))


def _filled(w: Tensor) -> bool:
    """``w`` is a copy filled with one value (``full_like``), not drawn at random."""
    return w.drawn is not None and w.drawn.filled


def _sized_weight_fix(event: object, x: Tensor, w: Tensor) -> Rewrite | None:
    """Draw the weight of a product ``x @ W`` (``W`` as written, or viewed: ``W.t()``,
    ``W.view(5, 2)``) as an explicit ``(in_features, out_features)`` matrix and use it as
    drawn: ``in`` is the last dim of ``x``, ``out`` the last dim of the product the code
    computes now. Offered only when the product with that weight provably has the shape
    the code has now, so what follows sees the same shape."""
    if not isinstance(event, MatrixProduct) or w is not event.right or event.result is None:
        return None
    if w.drawn is None or w.drawn.sized is None or not w.label:
        return None
    if not x.shape.dims or not event.result.dims or x.shape.variadic or event.result.variadic:
        return None
    features, outputs = x.shape.dims[-1].value, event.result.dims[-1].value
    if features is None or outputs is None:
        return None
    weight = Shape.of(features, outputs)
    product = fixing.product(x.shape, weight)
    if not fixing.proven_equal(product, event.result):
        return None
    return Rewrite(
        f"draw `{w.label}` as an (in_features, out_features) matrix {weight} and use it as "
        f"drawn: the product is {product}",
        (
            Change(w.drawn.call, "replace", f"{w.drawn.sized}({features}, {outputs})"),
            Change(event.node, "base", w.label, operand=1),
        ),
    )


def _code(node: Any) -> str:
    """The product as written, on one line (imported here: the analysis, and libcst with it,
    is loaded only when a file is analysed, never for a cached run)."""
    from shapelint.analysis import declarations
    from shapelint.analysis.display import one_line

    return one_line(declarations.source(node))
