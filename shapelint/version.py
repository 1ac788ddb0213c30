"""The version, in a module of its own: ``shapelint --version`` reads it without importing
the analysis (and with it numpy and libcst)."""

__version__ = "0.1.0"
