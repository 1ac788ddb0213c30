"""What the CLI tests share: the run summary on stderr, told apart from everything else."""

from __future__ import annotations

import re
import subprocess

CHECKED = re.compile(r"^Checked \d+ files? in \d+\.\d\d s\n", re.MULTILINE)


def without_summary(err: str) -> str:
    """stderr without the ``Checked N files in T s`` line every finished run prints."""
    return CHECKED.sub("", err)


def imported(result: subprocess.CompletedProcess[str], module: str) -> bool:
    """Whether a run under ``python -X importtime`` imported ``module``: importtime prints
    ``import time: self | cumulative | <indent>name`` on stderr for every import."""
    lines = result.stderr.splitlines()
    return any(
        line.startswith("import time:") and line.split("|")[-1].strip() == module for line in lines
    )
