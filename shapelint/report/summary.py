"""The closing count the human-readable formats print."""

from __future__ import annotations


def summary_line(count: int) -> str:
    return f"Found {count} finding{'' if count == 1 else 's'}."
