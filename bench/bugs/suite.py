"""The bug suite's cases, their markers and records, and the replay checks (no framework).

A case is ``cases/<family>/<name>.py``; its correct twin is ``<name>_fixed.py`` beside it.
A case names the public report it reproduces on a ``# source: <URL>`` line and marks each
buggy line with ``# expect[SHPnnn]``. ``record.py`` runs every case under the real
framework and writes ``records/<family>/<name>.json``; ``replay_problems`` checks, from
that record alone, that the run showed the marked bug (or, for a twin, ran cleanly).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
RECORDS = HERE / "records"
EXAMPLES = ROOT / "examples"
FAMILIES = ("numpy", "torch", "tensorflow", "keras2", "keras3", "jax", "einops")
SILENT_RULES = ("SHP002", "SHP003", "SHP004", "SHP005", "SHP006")

_EXPECT = re.compile(r"#.*\bexpect\[(SHP\d{3}(?:\s*,\s*SHP\d{3})*)\]")
_SOURCE = re.compile(r"#\s*source:\s*(\S+)")
_SHAPE_COMMENT = re.compile(r"#\s*shape:\s*\(([^)]*)\)")
_NOT_ELEMENTWISE = {"Mult", "MatMult", "multiply", "mul", "matmul", "mm", "dot", "einsum"}
_MULTIPLY = {"Mult", "multiply", "mul"}
_PRODUCTS = {"MatMult", "dot", "matmul", "mm", "batch_dot", "Mult", "multiply", "mul"}


@dataclass(frozen=True)
class Case:
    """One program of the suite (or one example of ``examples/``)."""

    path: Path
    family: str
    source: str
    url: str | None
    markers: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.relative.as_posix()

    @property
    def relative(self) -> Path:
        return self.path.relative_to(ROOT)

    @property
    def is_twin(self) -> bool:
        return self.path.stem.endswith("_fixed")

    @property
    def record_path(self) -> Path:
        if self.family == "examples":
            return RECORDS / "examples" / f"{self.path.stem}.json"
        return RECORDS / self.family / f"{self.path.stem}.json"

    def record(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.record_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def silent_lines(self) -> list[int]:
        return sorted(n for n, codes in self.markers.items() if set(codes) - {"SHP001"})


def markers(source: str) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found[number] = tuple(c.strip() for c in match.group(1).split(","))
    return found


def load(path: Path, family: str) -> Case:
    source = path.read_text(encoding="utf-8")
    url = _SOURCE.search(source)
    return Case(path, family, source, url.group(1) if url else None, markers(source))


def cases() -> Iterator[Case]:
    for family in FAMILIES:
        for path in sorted((CASES / family).glob("*.py")):
            yield load(path, family)


def examples() -> Iterator[Case]:
    for path in sorted(EXAMPLES.glob("*.py")):
        yield load(path, "examples")


# -- replay: did the recorded run show the marked bug? --------------------------------------


def broadcast_expands_both(a: list[int | None], b: list[int | None]) -> bool:
    """Both operands grow under broadcasting (known dims only)."""
    rank = max(len(a), len(b))
    pa = [1] * (rank - len(a)) + list(a)
    pb = [1] * (rank - len(b)) + list(b)
    grows_a = len(a) < rank and any(d not in (1, None) for d in pb[: rank - len(a)])
    grows_b = len(b) < rank and any(d not in (1, None) for d in pa[: rank - len(b)])
    for x, y in zip(pa, pb):
        if x is None or y is None:
            continue
        grows_a |= x == 1 and y != 1
        grows_b |= y == 1 and x != 1
    return grows_a and grows_b


def _weight_product(x: list[int | None], w: list[int | None]) -> bool:
    """``x * w``: activations against a weight matrix a matrix product would take."""
    if len(w) != 2 or 1 in w or None in w or len(x) < 2 or x == w or x[-2] == 1:
        return False
    return x[-1] in w


def _operands(
    record: dict[str, Any], line: int, ops: set[str], exclude: bool = False
) -> list[list[Any]]:
    """Operand shape pairs recorded on ``line`` for these ops (or all others: ``exclude``)."""
    entries = record.get("operands", {}).get(str(line), [])
    return [e["shapes"] for e in entries if (e["op"] in ops) != exclude and None not in e["shapes"]]


def _declared(case: Case, line: int) -> list[str] | None:
    match = _SHAPE_COMMENT.search(case.source.splitlines()[line - 1])
    if not match:
        return None
    return [d.strip() for d in match.group(1).split(",") if d.strip()]


def contradicts(declared: list[str], shape: list[int | None]) -> bool:
    """A runtime shape that no binding of the declaration's names can match."""
    if "..." in declared or any(d.startswith("*") for d in declared):
        return False
    if len(declared) != len(shape):
        return True
    names: dict[str, int | None] = {}
    for d, s in zip(declared, shape):
        if d.isdigit():
            if s is not None and int(d) != s:
                return True
        elif d in names and names[d] is not None and s is not None and names[d] != s:
            return True
        else:
            names[d] = s
    return False


def _shows_rule(case: Case, record: dict[str, Any], line: int, code: str) -> str | None:
    """None if the recorded run shows the shapes ``code`` is about on ``line``; else why not."""
    raised = {e["line"]: e for e in record["exceptions"]}
    if code == "SHP001":
        return None if line in raised else "the run raised nothing on this line"
    if code == "SHP006":
        pairs = _operands(record, line, _NOT_ELEMENTWISE, exclude=True)
        ok = any(broadcast_expands_both(a, b) for a, b in pairs)
        return None if ok else f"no elementwise operands that both expand: {pairs}"
    if code == "SHP002":
        pairs = _operands(record, line, _MULTIPLY)
        ok = any(
            broadcast_expands_both(a, b) or _weight_product(a, b) or _weight_product(b, a)
            for a, b in pairs
        )
        return None if ok else f"no outer-product or weight-matrix `*` operands: {pairs}"
    if code == "SHP003":
        pairs = _operands(record, line, _PRODUCTS)
        ok = any(len(a) >= 2 and (a == b or a == b[::-1]) for a, b in pairs)
        return None if ok else f"no product of an input with a weight shaped like it: {pairs}"
    if code == "SHP004":
        pairs = _operands(record, line, {"dot"})
        ok = any(len(b) >= 3 for _, b in pairs)
        return None if ok else f"no dot with a rank-3+ second operand: {pairs}"
    if code == "SHP005":
        if line in raised and raised[line]["type"] == "AssertionError":
            return None
        declared = _declared(case, line)
        if declared is None:
            return "no `# shape:` comment and no failed assert on this line"
        bound = record["bound"].get(str(line), {})
        ok = any(contradicts(declared, s) for shapes in bound.values() for s in shapes)
        return None if ok else f"recorded {bound} fits the declaration {declared}"
    return f"unknown rule {code}"


def replay_problems(case: Case, record: dict[str, Any] | None) -> list[str]:
    """Why the record does not show this case's bugs (or a twin's clean run); empty if it does."""
    if record is None:
        return ["no record"]
    if record.get("sha256") != sha256(case.source):
        return ["the record is stale: the case changed after it was recorded"]
    if "error" in record:
        return [f"the recording failed: {record['error']}"]
    problems: list[str] = []
    if case.family != "examples":
        if case.url is None:
            problems.append("no `# source:` line")
        if case.is_twin and case.markers:
            problems.append("a correct twin carries expect markers")
        if not case.is_twin and not case.markers:
            problems.append("a buggy case without expect markers")
    marked_raising = {n for n, codes in case.markers.items() if "SHP001" in codes}
    for index, failure in enumerate(record["exceptions"]):
        cascade = index > 0 and failure["type"] == "NameError"  # a name a failed line left unbound
        if cascade or failure["line"] in marked_raising or _asserted(case, failure):
            continue
        problems.append(f"line {failure['line']} raised {failure['type']}: {failure['message']}")
    for line, codes in sorted(case.markers.items()):
        for code in codes:
            why = _shows_rule(case, record, line, code)
            if why is not None:
                problems.append(f"line {line} {code}: {why}")
    return problems


def _asserted(case: Case, failure: dict[str, Any]) -> bool:
    """A failed ``assert`` on a line marked SHP005 is that rule's runtime evidence."""
    return failure["type"] == "AssertionError" and "SHP005" in case.markers.get(failure["line"], ())


def sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assignment_lines(source: str) -> set[int]:
    """Lines that start a statement binding names (what both sides of the oracle key on)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With)):
            lines.add(node.lineno)
    return lines
