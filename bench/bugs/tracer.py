"""Run one program under a line tracer and print what it bound, as JSON (stdlib only).

Started by ``record.py`` in a subprocess of the frameworks' interpreter:
``python tracer.py CASE.py [LINE ...]``. The listed lines are the case's marked silent-rule
lines: there, before the statement runs, the operands of every binary operator and the first two
arguments of every call starting on that line are evaluated and their shapes kept, so
a replay can check the shapes a rule is about without any framework.

The program's top-level statements run one at a time in one namespace, and an exception
ends only its own statement: a file with several independent bugs shows every one of them.
Each statement's bound names (assignment targets, ``for`` and ``with`` targets, a function's
parameters on its ``def`` line) are read right after it ran; an array value is anything with
a ``shape`` (tuple-like of ints or None) and a ``dtype``. Network use is refused.
"""

from __future__ import annotations

import ast
import json
import os
import socket
import sys
import traceback
from typing import Any

MAX_SHAPES = 6  # distinct shapes kept per name and line


def _refuse_network(*_args: object, **_kwargs: object) -> None:
    raise OSError("network disabled while recording")


def shape_of(value: Any) -> list[int | None] | None:
    """The shape of an array-like value as a list (None for a dim unknown at run time)."""
    if not hasattr(value, "dtype") or isinstance(value, type):
        return None
    try:
        shape = value.shape
    except Exception:
        return None
    if hasattr(shape, "as_list"):  # tf.TensorShape
        try:
            shape = shape.as_list()
        except ValueError:
            return None  # unknown rank
    try:
        dims = list(shape)
    except TypeError:
        return None
    out: list[int | None] = []
    for d in dims:
        if d is None:
            out.append(None)
            continue
        try:
            out.append(int(d))
        except (TypeError, ValueError):
            out.append(None)  # a symbolic dim
    return out


class Statements:
    """Which statement each line belongs to, and what each statement binds."""

    def __init__(self, tree: ast.Module) -> None:
        self.owner: dict[int, int] = {}  # line -> first line of its innermost simple statement
        self.targets: dict[int, list[str]] = {}  # statement line -> target sources
        self.defs: dict[int, tuple[int, list[str]]] = {}  # first code line -> (def line, params)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                params = [
                    a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                ]
                self.defs[first] = (node.lineno, params)
            if not isinstance(node, ast.stmt):
                continue
            targets = _targets(node)
            if targets:
                self.targets[node.lineno] = targets
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            end = node.end_lineno or node.lineno
            if _is_compound(node):
                end = node.lineno  # header only; the body's statements own their lines
            for line in range(node.lineno, end + 1):
                current = self.owner.get(line)
                if current is None or current < node.lineno:
                    self.owner[line] = node.lineno


def _is_compound(node: ast.stmt) -> bool:
    return isinstance(
        node, (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)
    )


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for el in target.elts for n in _names(el)]
    if isinstance(target, ast.Starred):
        return []
    if isinstance(target, (ast.Name, ast.Attribute)):
        return [ast.unparse(target)]
    return []


def _targets(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [n for t in node.targets for n in _names(t)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        return _names(node.target)
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return _names(node.target)
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [n for item in node.items if item.optional_vars for n in _names(item.optional_vars)]
    return []


def _operand_pairs(
    tree: ast.Module, lines: set[int]
) -> dict[int, list[tuple[str, ast.expr, ast.expr, int]]]:
    """Per marked line, the (op, left, right, column) of each binary op or product call."""
    out: dict[int, list[tuple[str, ast.expr, ast.expr, int]]] = {}
    for node in ast.walk(tree):
        if not hasattr(node, "lineno") or node.lineno not in lines:
            continue
        if isinstance(node, ast.BinOp):
            pair = (type(node.op).__name__, node.left, node.right, node.col_offset)
            out.setdefault(node.lineno, []).append(pair)
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else ast.unparse(func)
            pair = (name, node.args[0], node.args[1], node.col_offset)
            out.setdefault(node.lineno, []).append(pair)
    return out


class Tracer:
    def __init__(self, path: str, tree: ast.Module, marked: set[int]) -> None:
        self.path = path
        self.statements = Statements(tree)
        self.pairs = _operand_pairs(tree, marked)
        self.statement_of_pair = {self.statements.owner.get(line, line): [] for line in self.pairs}
        for line in self.pairs:
            self.statement_of_pair[self.statements.owner.get(line, line)].append(line)
        self.bound: dict[int, dict[str, list[list[int | None]]]] = {}
        self.operands: dict[int, list[dict[str, Any]]] = {}
        self.order: list[int] = []  # lines in the order they first bound an array
        self.seen: set[int] = set()
        self.pending: dict[int, int] = {}  # id(frame) -> statement line awaiting its bindings

    def keep(self, line: int, name: str, value: Any) -> None:
        shape = shape_of(value)
        if shape is None:
            return
        self.visit(line)
        shapes = self.bound.setdefault(line, {}).setdefault(name, [])
        if shape not in shapes and len(shapes) < MAX_SHAPES:
            shapes.append(shape)

    def finish(self, frame: Any, statement: int) -> None:
        for target in self.statements.targets.get(statement, ()):
            try:
                value = eval(target, frame.f_globals, frame.f_locals)  # noqa: S307
            except Exception:
                continue
            self.keep(statement, target, value)

    def global_trace(self, frame: Any, event: str, arg: Any) -> Any:
        if event != "call" or frame.f_code.co_filename != self.path:
            return None
        definition = self.statements.defs.get(frame.f_code.co_firstlineno)
        if definition is not None:
            line, params = definition
            for name in params:
                if name in frame.f_locals:
                    self.keep(line, name, frame.f_locals[name])
        return self.local_trace

    def visit(self, line: int) -> None:
        if line not in self.seen:
            self.seen.add(line)
            self.order.append(line)

    def local_trace(self, frame: Any, event: str, arg: Any) -> Any:
        key = id(frame)
        if frame.f_code.co_name.startswith("<") and frame.f_code.co_name != "<module>":
            return self.local_trace  # comprehensions and lambdas bind no statement's targets
        if event == "exception":
            self.pending.pop(key, None)  # the statement did not complete: it bound nothing
        elif event == "line":
            statement = self.statements.owner.get(frame.f_lineno, frame.f_lineno)
            previous = self.pending.get(key)
            if previous is not None and previous != statement:
                self.finish(frame, previous)
            if previous != statement:
                self.pending[key] = statement
                for line in self.statement_of_pair.get(statement, ()):
                    self.evaluate_operands(frame, line)
        elif event == "return":
            previous = self.pending.pop(key, None)
            if previous is not None:
                self.finish(frame, previous)
        return self.local_trace

    def evaluate_operands(self, frame: Any, line: int) -> None:
        sys.settrace(None)
        try:
            for op, left, right, column in self.pairs[line]:
                shapes = []
                for operand in (left, right):
                    try:
                        code = compile(ast.Expression(operand), self.path, "eval")
                        shapes.append(shape_of(eval(code, frame.f_globals, frame.f_locals)))  # noqa: S307
                    except Exception:
                        shapes.append(None)
                entry = {"op": op, "column": column + 1, "shapes": shapes}
                entries = self.operands.setdefault(line, [])
                if entry not in entries and len(entries) < MAX_SHAPES * 4:
                    entries.append(entry)
        finally:
            sys.settrace(self.global_trace)


def _raising_line(path: str, tb: Any) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def run(path: str, marked: set[int]) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    tree = ast.parse(source, path)
    if "tensorflow" in source or "tf_keras" in source:
        import tensorflow as tf  # graph tracing would run autograph's copy, not this file

        tf.config.run_functions_eagerly(True)
    tracer = Tracer(path, tree, marked)
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": path}
    exceptions: list[dict[str, Any]] = []
    sys.path.insert(0, os.path.dirname(path))
    for statement in tree.body:
        code = compile(ast.Module(body=[statement], type_ignores=[]), path, "exec")
        sys.settrace(tracer.global_trace)
        try:
            exec(code, namespace)  # noqa: S102
        except BaseException as exc:  # noqa: BLE001  the program's failure is the record
            sys.settrace(None)
            message = (str(exc).strip().splitlines() or [""])[0][:300]
            exceptions.append(
                {
                    "line": _raising_line(path, exc.__traceback__),
                    "statement": statement.lineno,
                    "type": type(exc).__name__,
                    "message": message,
                }
            )
            if isinstance(exc, KeyboardInterrupt):
                break
        finally:
            sys.settrace(None)
    return {
        "bound": {str(k): v for k, v in sorted(tracer.bound.items())},
        "operands": {str(k): v for k, v in sorted(tracer.operands.items())},
        "order": tracer.order,
        "exceptions": exceptions,
    }


def main() -> None:
    socket.socket.connect = _refuse_network  # type: ignore[method-assign]
    socket.create_connection = _refuse_network  # type: ignore[assignment]
    path = os.path.abspath(sys.argv[1])
    marked = {int(a) for a in sys.argv[2:]}
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the program's prints must not mix with the record
    try:
        result = run(path, marked)
    except Exception:
        traceback.print_exc()
        raise
    sys.stdout = real_stdout
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
