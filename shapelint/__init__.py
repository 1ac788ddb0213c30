"""shapelint: find tensor-shape bugs in Python ML code without running it.

The Python API (see the README): ``lint_source``, ``lint_file``, ``lint_paths``, ``Config`` and
the ``Diagnostic`` records they return. Names are loaded on first use, so that
``import shapelint`` (and ``shapelint --version``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from shapelint.version import __version__

_EXPORTS = {
    "Config": "shapelint.config",
    "Diagnostic": "shapelint.diagnostics",
    "Position": "shapelint.diagnostics",
    "Severity": "shapelint.diagnostics",
    "lint_file": "shapelint.api",
    "lint_paths": "shapelint.api",
    "lint_source": "shapelint.api",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'shapelint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
