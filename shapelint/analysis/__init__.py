"""The abstract interpreter over libcst: knows syntax and framework APIs, not rules."""
