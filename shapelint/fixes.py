"""Fixes as data: the edits that would repair a finding, and applying them to a text.

A fix is a message, text edits with 1-based positions (end exclusive, like findings) and an
applicability. Every shape fix changes what the program computes, so each is ``unsafe``:
``--fix`` applies it only with ``--unsafe-fixes``, as ruff does. Edits inside a notebook
count lines within their cell and name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from shapelint.diagnostics import Applicability, Edit, Fix, Position

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def to_data(fix: Fix) -> dict[str, Any]:
    """The JSON form (the ``fix`` object of the JSON output, and the cache's)."""
    return {
        "message": fix.message,
        "applicability": fix.applicability.value,
        "edits": [_edit_data(edit) for edit in fix.edits],
    }


def _edit_data(edit: Edit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "content": edit.content,
        "location": {"row": edit.start.line, "column": edit.start.column},
        "end_location": {"row": edit.end.line, "column": edit.end.column},
    }
    if edit.cell is not None:
        data["cell"] = edit.cell
    return data


def from_data(data: Any) -> Fix | None:
    """A fix read back from ``to_data``'s form; None when anything is off."""
    try:
        edits = tuple(
            Edit(
                Position(int(e["location"]["row"]), int(e["location"]["column"])),
                Position(int(e["end_location"]["row"]), int(e["end_location"]["column"])),
                str(e["content"]),
                int(e["cell"]) if e.get("cell") is not None else None,
            )
            for e in data["edits"]
        )
        return Fix(str(data["message"]), edits, Applicability(data["applicability"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def offsets(text: str) -> list[int]:
    """The offset where each line starts (lines as Python counts them)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def apply(text: str, edits: Iterable[Edit]) -> str | None:
    """The text with the edits made; None when two edits overlap (nothing is applied)."""
    starts = offsets(text)

    def index(position: Position) -> int:
        line = min(max(position.line, 1), len(starts))
        return min(starts[line - 1] + position.column - 1, len(text))

    spans = sorted(((index(e.start), index(e.end), e.content) for e in edits), key=lambda s: s[:2])
    out: list[str] = []
    cursor = 0
    for start, end, content in spans:
        if start < cursor:
            return None
        out.append(text[cursor:start])
        out.append(content)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def without_conflicts(fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes, in order, leaving out any whose edits overlap an earlier one's."""
    taken: list[tuple[Position, Position]] = []
    kept = []
    for fix in fixes:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s < te and ts < e or s == ts for s, e in spans for ts, te in taken):
            continue
        taken.extend(spans)
        kept.append(fix)
    return kept


# -- rewrites: a fix as a rule states it, before it becomes text ----------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One syntactic change at a node the analysis pointed at.

    ``operator``: a binary operation (or augmented assignment) gets the operator named by
    ``text`` (``"@"``); ``callee``: a call of ``module.name`` calls ``module.<text>``
    instead; ``suffix``: ``text`` is written after the expression (``.T``,
    ``.squeeze(-1)``), which is parenthesised first unless it is an atom; ``replace``: the
    node's code becomes ``text``; ``base``: the operand loses the view-like ops written
    after it (``w.t()``, ``w.view(5, 2)`` become ``w``), and ``text`` is the name the operand
    must then be (no fix when it is not).
    """

    node: Any
    kind: str
    text: str
    operand: int | None = None  # a suffix on this operand of the node (0: left, 1: right)


@dataclass(frozen=True, slots=True)
class Rewrite:
    message: str
    changes: tuple[Change, ...]
    applicability: Applicability = Applicability.UNSAFE


def render(rewrite: Rewrite, module: Any, positions: Any) -> Fix | None:
    """The rewrite as text edits, one per changed node, each replacing the node's code by
    the code libcst writes for the changed node (so the user's spacing, comments and
    parentheses stay); None when a change does not apply to its node."""
    by_node: dict[int, list[Change]] = {}
    nodes: dict[int, Any] = {}
    for change in rewrite.changes:
        by_node.setdefault(id(change.node), []).append(change)
        nodes[id(change.node)] = change.node
    edits = []
    for key, changes in by_node.items():
        where = positions.get(nodes[key])
        code = _changed_code(nodes[key], changes, module)
        if where is None or code is None:
            return None
        start = Position(where.start.line, where.start.column + 1)
        end = Position(where.end.line, where.end.column + 1)
        edits.append(Edit(start, end, code))
    return Fix(rewrite.message, tuple(edits), rewrite.applicability)


def _changed_code(node: Any, changes: list[Change], module: Any) -> str | None:
    import libcst as cst

    changed = node
    outer = ""
    for change in changes:
        if change.kind == "replace":
            return change.text if len(changes) == 1 else None
        if change.kind == "base" and change.operand is not None:
            changed = _with_operand(changed, change.operand, partial(_base, name=change.text))
            if changed is None:
                return None
        elif change.kind == "operator":
            if change.text != "@" or not isinstance(changed, (cst.BinaryOperation, cst.AugAssign)):
                return None
            old: Any = changed.operator  # every operator token has both whitespace fields
            spacing = {
                "whitespace_before": old.whitespace_before,
                "whitespace_after": old.whitespace_after,
            }
            if isinstance(changed, cst.BinaryOperation):
                changed = changed.with_changes(operator=cst.MatrixMultiply(**spacing))
            else:
                changed = changed.with_changes(operator=cst.MatrixMultiplyAssign(**spacing))
        elif change.kind == "callee":
            if not (isinstance(changed, cst.Call) and isinstance(changed.func, cst.Attribute)):
                return None  # a bare name: the replacement might not be imported
            changed = changed.with_changes(
                func=changed.func.with_changes(attr=cst.Name(change.text))
            )
        elif change.kind == "suffix" and change.operand is None:
            outer += change.text
        elif change.kind == "suffix" and change.operand is not None:
            changed = _with_operand_suffix(changed, change.operand, change.text, module)
            if changed is None:
                return None
        else:
            return None
    if getattr(changed, "lpar", ()):  # a node's position leaves out its own parentheses
        changed = changed.with_changes(lpar=[], rpar=[])
    code = str(module.code_for_node(changed))
    if not outer:
        return code
    return f"{code}{outer}" if _is_atom(changed) else f"({code}){outer}"


def _is_atom(node: Any) -> bool:
    import libcst as cst

    return isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or bool(
        getattr(node, "lpar", ())
    )


def _with_operand_suffix(node: Any, operand: int, suffix: str, module: Any) -> Any:
    """``node`` with ``suffix`` written after one of its operands; None when it has no
    such operand (keyword arguments, starred arguments)."""
    import libcst as cst

    def suffixed(expression: Any) -> Any:
        code = module.code_for_node(expression)
        return cst.parse_expression(
            f"{code}{suffix}" if _is_atom(expression) else f"({code}){suffix}"
        )

    return _with_operand(node, operand, suffixed)


def operand_code(node: Any, operand: int) -> str | None:
    """The code of one operand of a binary operation or a two-operand call (0: left), as
    written; None when the node has no such operand."""
    import libcst as cst

    found: list[Any] = []

    def keep(expression: Any) -> Any:
        found.append(expression)
        return expression

    _with_operand(node, operand, keep)
    return cst.Module([]).code_for_node(found[0]) if found else None


def _with_operand(node: Any, operand: int, change: Callable[[Any], Any]) -> Any:
    """``node`` with one of its operands changed by ``change``; None when it has no such
    operand (keyword arguments, starred arguments) or ``change`` gives None."""
    import libcst as cst

    if isinstance(node, cst.BinaryOperation):
        side = "left" if operand == 0 else "right"
        changed = change(getattr(node, side))
        return node.with_changes(**{side: changed}) if changed is not None else None
    if not isinstance(node, cst.Call) or any(a.keyword is not None or a.star for a in node.args):
        return None
    args = list(node.args)
    if len(args) == 2:
        changed = change(args[operand].value)
        if changed is None:
            return None
        args[operand] = args[operand].with_changes(value=changed)
        return node.with_changes(args=args)
    if len(args) == 1 and isinstance(node.func, cst.Attribute):  # a method: x.mul(w)
        changed = change(node.func.value if operand == 0 else args[0].value)
        if changed is None:
            return None
        if operand == 0:
            return node.with_changes(func=node.func.with_changes(value=changed))
        return node.with_changes(args=[args[0].with_changes(value=changed)])
    return None


_VIEWS = frozenset({"t", "T", "mT", "view", "reshape", "transpose", "permute"})


def _base(expression: Any, name: str) -> Any:
    """``expression`` without the view-like ops written after it, when what is left is
    ``name`` or an attribute ``….name``; else None."""
    import libcst as cst

    while True:
        inner = expression.func if isinstance(expression, cst.Call) else expression
        if not (isinstance(inner, cst.Attribute) and inner.attr.value in _VIEWS):
            break
        expression = inner.value
    if isinstance(expression, cst.Name) and expression.value == name:
        return expression
    if isinstance(expression, cst.Attribute) and expression.attr.value == name:
        return expression
    return None


# -- applying fixes to files: --fix and --diff ----------------------------------------


def wanted(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``--fix``/``--diff`` apply this fix: safe ones always, unsafe ones on request."""
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """The text with every fix whose edits do not overlap an earlier one's; and those fixes."""
    kept = without_conflicts(sorted(fixes, key=lambda f: min(e.start for e in f.edits)))
    changed = apply(text, [edit for fix in kept for edit in fix.edits])
    return (changed, kept) if changed is not None else (text, [])


def unified_diff(shown: str, old: str, new: str) -> str:
    """``diff -u`` of one file as ``git apply`` and ``patch -p1`` read it."""
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
