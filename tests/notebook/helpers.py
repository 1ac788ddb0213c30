"""Notebooks written the way Jupyter saves them (indent 1, one JSON string per line)."""

from __future__ import annotations

import json
from pathlib import Path


def code(*lines: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": _source(lines),
    }


def markdown(*lines: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": _source(lines)}


def _source(lines: tuple[str, ...]) -> list[str]:
    return [line + "\n" for line in lines[:-1]] + list(lines[-1:])


def notebook_text(*cells: dict[str, object], language: str = "python") -> str:
    document = {
        "cells": list(cells),
        "metadata": {"language_info": {"name": language}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def write_notebook(path: Path, *cells: dict[str, object], language: str = "python") -> Path:
    path.write_text(notebook_text(*cells, language=language), encoding="utf-8")
    return path
