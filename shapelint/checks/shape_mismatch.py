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

from shapelint.analysis.events import OpFailed
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity


class ShapeMismatch(Rule):
    code = "SHP001"
    name = "shape-mismatch"
    severity = Severity.ERROR
    summary = "operands can never fit: the call would raise"
    events = (OpFailed,)

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
        if not isinstance(event, OpFailed):
            return
        if event.judge is not None:
            from shapelint.shapes.verify import confirms_failure  # numpy, only when judging

            op, args = event.judge
            if confirms_failure(op, args) is False:
                return  # NumPy accepts it: the algebra is wrong, never the user
        yield self.finding(event.node, f"`{event.op}`: {event.reason}")
