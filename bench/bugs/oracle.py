"""The runtime shape oracle: shapelint's inferred shapes against the recorded runtime shapes.

For each statement line, shapelint's interpreter keeps the value it inferred for each bound
name (what ``shapelint shapes`` prints); the record keeps every distinct runtime shape the
same name had on that line. A known static dim that no runtime shape of that name has there
(or a definite rank none of them has) is a soundness failure. A recorded runtime value is
*known* when shapelint gave it a definite rank and every dim the run knew; completeness is
the fraction of recorded (line, name) values that are known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shapelint.config import Config
from shapelint.deep_run import run_deep
from shapelint.shapes.shape import Shape

RuntimeShape = list[int | None]


@dataclass
class Comparison:
    """One program's oracle figures."""

    values: int = 0
    known: int = 0
    failures: list[str] = field(default_factory=list)
    # line -> names whose runtime shape shapelint did not fully know there
    unknown: dict[int, list[str]] = field(default_factory=dict)

    def add(self, other: Comparison) -> None:
        self.values += other.values
        self.known += other.known
        self.failures.extend(other.failures)


def inferred(source: str) -> dict[int, dict[str, Shape]]:
    """Line -> bound name -> the shape shapelint infers there (tensors only)."""
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from shapelint.analysis.interpreter import Interpreter
    from shapelint.analysis.values import Tensor

    def work() -> dict[int, dict[str, Shape]]:
        module = libcst.parse_module(source)
        interpreter = Interpreter(module, record=True)
        interpreter.run()
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        out: dict[int, dict[str, Shape]] = {}
        for node, names in interpreter.recorded.items():
            where = positions.get(node)
            if where is None:
                continue
            for name, value in names:
                if isinstance(value, Tensor):
                    out.setdefault(where.start.line, {})[name] = value.shape
        return out

    result = run_deep(work, Config().time_budget)
    return result or {}


def consistent(static: Shape, runtime: RuntimeShape) -> bool:
    """No known static fact (rank, dim) contradicts this runtime shape."""
    if static.variadic:
        if len(static.dims) > len(runtime):
            return False
        pairs = zip(reversed(static.dims), reversed(runtime))
    else:
        if len(static.dims) != len(runtime):
            return False
        pairs = zip(static.dims, runtime)
    return all(d.value is None or r is None or d.value == r for d, r in pairs)


def knows(static: Shape, runtime: RuntimeShape) -> bool:
    """The static shape pins the rank and every dim the run knew."""
    if static.variadic or len(static.dims) != len(runtime):
        return False
    return all(r is None or d.value == r for d, r in zip(static.dims, runtime))


def compare(
    name: str, static: dict[int, dict[str, Shape]], bound: dict[str, dict[str, list[Any]]]
) -> Comparison:
    result = Comparison()
    for line_text, names in bound.items():
        line = int(line_text)
        for target, shapes in names.items():
            result.values += 1
            shape = static.get(line, {}).get(target)
            if shape is None:
                result.unknown.setdefault(line, []).append(target)
                continue
            if not any(consistent(shape, r) for r in shapes):
                seen = " or ".join(str(tuple(r)) for r in shapes)
                result.failures.append(f"{name}:{line}: {target} inferred {shape}, ran {seen}")
                continue
            if any(knows(shape, r) for r in shapes):
                result.known += 1
            else:
                result.unknown.setdefault(line, []).append(target)
    return result


def first_loss(order: Iterable[int], comparison: Comparison, until: int) -> int | None:
    """The first line, in the order the run bound arrays and up to line ``until``'s turn,
    where a runtime shape was not known."""
    for line in order:
        if line in comparison.unknown:
            return line
        if line == until:
            break
    return None
