"""shapelint: find tensor-shape bugs in Python ML code without running it."""

from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.engine import lint_file, lint_source

__version__ = "0.1.0"

__all__ = ["Diagnostic", "Position", "Severity", "__version__", "lint_file", "lint_source"]
