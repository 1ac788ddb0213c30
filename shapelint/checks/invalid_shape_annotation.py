"""SHP100 invalid-shape-annotation.

## What it does
Reports a jaxtyping dimension string or a `# shape:` comment that cannot be parsed.

## Why is this bad?
A declaration that does not parse checks nothing: jaxtyping raises on it at import time,
and a malformed comment silently documents nothing.

## Example
```python
import torch

x = torch.zeros(3, 4)  # shape: (3, 4
```

## Use instead
```python
x = torch.zeros(3, 4)  # shape: (3, 4)
```

## Known problems
Only the subset of Python expressions jaxtyping accepts in a dim (names, ints, `+ - * //`)
is understood.
"""

from __future__ import annotations

from collections.abc import Iterator

from shapelint.analysis.events import InvalidAnnotation
from shapelint.checks.base import Finding, Rule
from shapelint.diagnostics import Severity


class InvalidShapeAnnotation(Rule):
    code = "SHP100"
    name = "invalid-shape-annotation"
    severity = Severity.ERROR
    summary = "a shape annotation or `# shape:` comment cannot be parsed"
    events = (InvalidAnnotation,)

    VALID = ("import torch\nx = torch.zeros(3, 4)  # shape: (3, 4)\n",)
    INVALID = ("import torch\nx = torch.zeros(3, 4)  # shape: (3, 4  # SHP100: 1\n",)

    def check(self, event: object) -> Iterator[Finding]:
        if isinstance(event, InvalidAnnotation):
            yield self.finding(
                event.node, f"invalid shape declaration {event.text!r}: {event.reason}"
            )
