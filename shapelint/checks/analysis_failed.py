"""SHP900 analysis-failed.

## What it does
Reports a file that could not be analysed: CPython's parser rejects it (the message gives
the syntax error and its position), the file cannot be read or decoded, it is nested too
deeply to analyse safely, or the analysis hit an internal error or its time budget.

## Why is this bad?
A file that is not analysed is not checked. Reporting it, once, keeps a clean run honest;
every other file in the run is still linted.

## Example
```python
import numpy as np
x = np.zeros((3, 4)
```

## Use instead
```python
import numpy as np
x = np.zeros((3, 4))
```

## Known problems
An internal error is a bug in shapelint: please report it with the file.
"""

from __future__ import annotations

from shapelint.checks.base import Rule
from shapelint.diagnostics import Severity


class AnalysisFailed(Rule):
    code = "SHP900"
    name = "analysis-failed"
    severity = Severity.ERROR
    summary = "the file could not be analysed"
