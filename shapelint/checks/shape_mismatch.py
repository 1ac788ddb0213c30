"""SHP001 shape-mismatch.

## What it does
Finds operations whose operand shapes can never fit: a matrix product whose inner
dimensions differ, operands that cannot broadcast, a reshape to a different number of
elements, a concatenation of tensors whose other dimensions differ, an `einsum` whose
operands disagree with its subscripts, a layer fed the wrong number of features, `mm`,
`bmm` or `.t()` on a tensor of the wrong rank.

## Why is this bad?
The call raises at run time, often deep into a training run, after data loading and
compilation have already cost minutes or hours.

## Example
```python
import torch
from torch import nn

fc = nn.Linear(256, 10)
x = torch.randn(32, 128)
logits = fc(x)
```

## Use instead
```python
fc = nn.Linear(128, 10)
logits = fc(x)
```

## Known problems
Only shapes the analysis can prove are compared; a dim that comes from data or from an
argument stays unknown, and the rule stays silent about it.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import MatrixProduct, OpFailed
from shapelint.checks import fixing
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity
from shapelint.fixes import Change, Rewrite
from shapelint.shapes.shape import Shape


def _transpose_fix(event: MatrixProduct) -> Rewrite | None:
    """The missing transpose: ``a @ b.T`` or ``a.T @ b``, when exactly one of them makes the
    product fit (or both give the same shape, when the right one is taken)."""
    fits: list[tuple[Shape, Rewrite]] = []
    for index, operand in ((1, event.right), (0, event.left)):
        flipped = fixing.transposed(operand.shape)
        suffix = fixing.TRANSPOSE.get(operand.framework)
        if flipped is None or suffix is None:
            continue
        shapes = (event.left.shape, flipped) if index == 1 else (flipped, event.right.shape)
        fitted = fixing.product(*shapes)
        if fitted is not None:
            name = fixing.operand_name(event.node, index, "the operand")
            change = Change(event.node, "suffix", suffix, operand=index)
            fits.append(
                (fitted, Rewrite(f"transpose {name}: the product is then {fitted}", (change,)))
            )
    if len(fits) == 2 and not fixing.proven_equal(fits[0][0], fits[1][0]):
        return None  # either transpose fits, with different results: which one is meant?
    return fits[0][1] if fits else None


class ShapeMismatch(Rule):
    code = "SHP001"
    name = "shape-mismatch"
    severity = Severity.ERROR
    summary = "operands can never fit: the call would raise"
    events = (OpFailed, MatrixProduct)

    VALID = (
        "import numpy as np\na = np.ones((64, 784))\nb = np.ones((784, 10))\nc = a @ b\n",
        "import torch\nx = torch.randn(8, 3)\ny = x.view(-1, 4, 6)\n",
    )
    INVALID = (
        "import numpy as np\na = np.ones((64, 784))\nb = np.ones((10, 784))\n"
        "c = a @ b  # SHP001: 5\n",
        "import torch\nx = torch.randn(8, 3)\ny = x.view(5, 5)  # SHP001: 5\n",
    )

    def check(self, event: object) -> Iterator[Finding]:
        if isinstance(event, MatrixProduct):
            fix = _transpose_fix(event) if event.result is None else None
            if fix is not None:  # the operands' frameworks, for the OpFailed finding before
                yield Finding(event.node, self.code, "", fix, completes=True)
            return
        if not isinstance(event, OpFailed):
            return
        if event.judge is not None:
            from shapelint.shapes.verify import confirms_failure  # numpy, only when judging

            op, args = event.judge
            if confirms_failure(op, args) is False:
                return  # NumPy accepts it: the algebra is wrong, never the user
        yield self.finding(event.node, f"`{event.op}`: {event.reason}")
