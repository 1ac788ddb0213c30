"""``shapelint shapes``: what the analysis sees, as annotated source or as JSON records.

It reads a file or stdin (``-``). A file it cannot read, decode or parse is a usage problem
here (exit 2, one line on stderr), not a finding: there is nothing to show.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from shapelint.cli.errors import EXIT_CLEAN, UsageError

LEGEND = "# legend: ? a dimension whose size is unknown; … dimensions whose number is unknown\n"


def shapes(args: argparse.Namespace) -> int:
    from shapelint import annotate, engine
    from shapelint.deep_run import run_deep

    name = args.stdin_filename or "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    try:
        text = engine.decode(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise UsageError(f"{name}: cannot decode: {exc}") from None
    if name.lower().endswith(".ipynb"):
        if args.output_format == "json":
            raise UsageError(f"{name}: --output-format json takes Python files, not notebooks")
        sys.stdout.write(LEGEND + annotate.annotate_notebook(text, name))
        return EXIT_CLEAN
    budget = engine.Config().time_budget
    failure = engine.parse_failure(text, name, budget)
    if failure is not None:
        where = f"{name}:{failure.start.line}:{failure.start.column}"
        raise UsageError(f"{where}: {failure.message}")
    if args.output_format == "json":
        records = run_deep(lambda: records_of(text), budget)
        if records is None:
            raise UsageError(f"{name}: analysis stopped after {budget:g} s (the time budget)")
        sys.stdout.write(json.dumps({"file": name, "shapes": records}, indent=2) + "\n")
    else:
        sys.stdout.write(LEGEND + annotate.annotate_source(text, name))
    return EXIT_CLEAN


def records_of(text: str) -> list[dict[str, Any]]:
    """One record per name the analysis gave a shape: where, what and which kind of binding
    (``assignment``, ``parameter`` or ``return``)."""
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.analysis.interpreter import Interpreter
    from shapelint.analysis.values import Tensor

    module = libcst.parse_module(text)
    interpreter = Interpreter(module, record=True)
    interpreter.run()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    records = []
    for node, names in interpreter.recorded.items():
        where = positions.get(node)
        if where is None:
            continue
        for bound, value in names:
            if not isinstance(value, Tensor):
                continue
            if bound == "return":
                origin = "return"
            elif isinstance(node, libcst.Name):  # a function's name: its parameters
                origin = "parameter"
            else:
                origin = "assignment"
            records.append(
                {
                    "name": bound,
                    "line": where.start.line,
                    "column": where.start.column + 1,
                    "shape": str(value.shape),
                    "framework": value.framework,
                    "origin": origin,
                }
            )
    return sorted(records, key=lambda r: (r["line"], r["column"], r["name"]))
