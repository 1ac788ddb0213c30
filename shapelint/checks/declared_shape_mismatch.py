"""SHP005 declared-shape-mismatch.

## What it does
Checks the shapes users already declare, a jaxtyping annotation (`Float[Tensor, "batch
10"]`), a trailing `# shape: (B, T, F)` comment, an `assert x.shape == (B, T)` or a return
annotation, against the shape the analysis infers.

## Why is this bad?
A declaration that the code contradicts is either a bug in the code or a stale comment; both
mislead the next reader, and the first one fails at run time.

## Example
```python
import torch

x = torch.zeros(32, 10)  # shape: (32, 12)
```

## Use instead
```python
x = torch.zeros(32, 12)  # shape: (32, 12)
```

## Known problems
Symbolic dims that the analysis cannot relate (two different names) are never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import AssertionFails, DeclarationMismatch
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity


class DeclaredShapeMismatch(Rule):
    code = "SHP005"
    name = "declared-shape-mismatch"
    severity = Severity.ERROR
    summary = "an inferred shape contradicts a declaration"
    events = (DeclarationMismatch, AssertionFails)

    VALID = ("import torch\nx = torch.zeros(32, 10)  # shape: (32, 10)\n",)
    INVALID = ("import torch\nx = torch.zeros(32, 10)  # shape: (32, 12)  # SHP005: 1\n",)

    def check(self, event: object) -> Iterator[Finding]:
        if isinstance(event, DeclarationMismatch):
            yield self.finding(
                event.node,
                f"`{event.name}` is declared {event.declared} by its {event.source} but its "
                f"shape is {event.inferred}",
            )
        elif isinstance(event, AssertionFails):
            yield self.finding(event.node, f"`assert {event.test}` fails: {event.known}")
