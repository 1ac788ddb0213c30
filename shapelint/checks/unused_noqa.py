"""SHP901 unused-noqa.

## What it does
Reports a shapelint code in a `# noqa: ...` comment that silences no finding on its line:
the code it names does not fire there (any more), or names no rule at all.

## Why is this bad?
A stale `# noqa` hides the next real finding on that line, and says the line is suspicious
when it no longer is. Removing it keeps suppressions honest, as ruff's RUF100 does.

## Example
```python
import numpy as np
a = np.ones((3, 4)) @ np.ones((4, 5))  # noqa: SHP001
```

## Use instead
```python
import numpy as np
a = np.ones((3, 4)) @ np.ones((4, 5))
```

## Known problems
Only shapelint's own codes (`SHP...`) are checked: a blanket `# noqa` and other tools'
codes are left alone. A code counts as used when its rule fires on the line whether or not
the run selects it, so narrowing `--select` never makes a comment look unused. Preview: it
runs only when selected by its full code (`--extend-select SHP901`).
"""

from __future__ import annotations

from shapelint.checks.base import Rule
from shapelint.diagnostics import Severity


class UnusedNoqa(Rule):
    code = "SHP901"
    name = "unused-noqa"
    severity = Severity.WARNING
    status = "preview"
    summary = "a `# noqa` code that silences no finding on its line"
