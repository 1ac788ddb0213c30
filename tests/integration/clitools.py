"""What the CLI tests share: the run summary on stderr, told apart from everything else."""

from __future__ import annotations

import re

CHECKED = re.compile(r"^Checked \d+ files? in \d+\.\d\d s\n", re.MULTILINE)


def without_summary(err: str) -> str:
    """stderr without the ``Checked N files in T s`` line every finished run prints."""
    return CHECKED.sub("", err)
