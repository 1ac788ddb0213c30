"""What ``shapelint shapes FILE`` prints: the source with the inferred shape of every
assignment beside it, so users see what the analysis sees. Kept out of ``engine``: it runs
the interpreter alone, recording values, without the rules or positions of findings.
"""

from __future__ import annotations

from shapelint.config import Config
from shapelint.deep_run import run_deep
from shapelint.engine import parse_failure


def annotate_source(text: str, path: str = "<stdin>") -> str:
    """The source with the inferred shape of every assignment, parameter and return beside
    it: what ``shapelint shapes FILE`` prints, so users can see what the analysis sees."""
    budget = Config().time_budget
    annotated = run_deep(lambda: _annotate(text, path, budget), budget)
    return annotated or f"{path}:1:1: analysis stopped after {budget:g} s (the time budget)\n"


def annotate_notebook(text: str, path: str) -> str:
    """``annotate_source`` for a notebook: each code cell under a ``# cell N`` header, with
    IPython lines shown as written."""
    from shapelint.notebook import NotebookError, parse

    try:
        book = parse(text)
    except NotebookError as exc:
        return f"{path}:{exc.line}:{exc.column}: notebook could not be read: {exc}\n"
    if book is None or not book.cells:
        return f"{path}: no Python code cells\n"
    annotated = annotate_source(book.source, path).splitlines()
    masked = book.source.splitlines()
    if len(annotated) != len(masked):  # a failure line, placed in its cell
        where, _, message = annotated[0].removeprefix(f"{path}:").partition(": ")
        line, _, column = where.partition(":")
        cell = book.cell_at(int(line)) if line.isdigit() else book.cells[0]
        shown_line = int(line) - cell.first_line + 1 if line.isdigit() else 1
        return f"{path}:cell {cell.number}:{shown_line}:{column or 1}: {message}\n"
    blocks = []
    for cell in book.cells:
        rows = []
        for offset, original in enumerate(cell.rows()):
            index = cell.first_line - 1 + offset
            note = annotated[index][len(masked[index]) :] if index < len(annotated) else ""
            rows.append(original + note if note.strip() else original)
        blocks.append(f"# cell {cell.number}\n" + "".join(row + "\n" for row in rows))
    return "\n".join(blocks)


def _annotate(text: str, path: str, budget: float) -> str:
    failure = parse_failure(text, path, budget)
    if failure is not None:
        return f"{path}:{failure.start.line}:{failure.start.column}: {failure.message}\n"
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.analysis.interpreter import Interpreter
    from shapelint.analysis.values import Tensor

    module = libcst.parse_module(text)
    interpreter = Interpreter(module, record=True)
    interpreter.run()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    notes: dict[int, list[str]] = {}
    for node, names in interpreter.recorded.items():
        where = positions.get(node)
        if where is None:
            continue
        described = [f"{name}: {value.shape}" for name, value in names if isinstance(value, Tensor)]
        if described:
            notes.setdefault(where.start.line, []).extend(described)

    lines = text.splitlines()
    width = min(max((len(line) for line in lines), default=0), 88)
    out = []
    for number, line in enumerate(lines, start=1):
        if number in notes:
            out.append(f"{line.ljust(width)}  # {'; '.join(notes[number])}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"
