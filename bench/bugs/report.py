"""How shapelint does on the bug suite: recall, false alarms, soundness and completeness.

    python bench/bugs/report.py            # Markdown report on stdout
    python bench/bugs/report.py --summary  # just the tables

Reads the cases and their committed records (no framework needed). A marker is found when
shapelint reports that code on that line, or reports it elsewhere naming that line as a
related place (SHP003 is reported where the weight is made and names the product, the
marked line, as related). A false alarm is any finding on a correct twin
(or a finding on a buggy case's unmarked line, counted apart). Soundness and completeness
come from the runtime shape oracle (``oracle.py``) over every case and example. Each miss
is listed with the first executed line, up to the marker, whose runtime shape shapelint
did not know: where the shape was lost.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle  # noqa: E402
import suite  # noqa: E402

from shapelint.config import Config, config_in, load_config  # noqa: E402
from shapelint.diagnostics import Diagnostic  # noqa: E402
from shapelint.engine import lint_source  # noqa: E402


@dataclass
class Outcome:
    case: suite.Case
    findings: set[tuple[str, int]]
    messages: dict[tuple[str, int], str]
    comparison: oracle.Comparison
    order: list[int] = field(default_factory=list)

    def expected(self) -> set[tuple[str, int]]:
        return {(code, line) for line, codes in self.case.markers.items() for code in codes}


def evaluate(case: suite.Case) -> Outcome:
    diagnostics = lint_source(case.source, case.name, family_config(case))
    placed = [(d, line) for d in diagnostics for line in _counted_lines(case, d)]
    findings = {(d.code, line) for d, line in placed}
    messages = {(d.code, line): d.message for d, line in placed}
    record = case.record() or {}
    comparison = oracle.compare(case.name, oracle.inferred(case.source), record.get("bound", {}))
    return Outcome(case, findings, messages, comparison, record.get("order", []))


def family_config(case: suite.Case) -> Config:
    """The settings of the case's family folder, as ``shapelint check`` finds them there
    (``cases/keras3/shapelint.toml`` says the programs run under Keras 3, as they were
    recorded), every rule selected."""
    found = config_in(case.path.parent)
    settings = load_config(found) if found is not None else Config()
    return settings.with_overrides(select=("SHP",))


def _counted_lines(case: suite.Case, diagnostic: Diagnostic) -> list[int]:
    """The lines a finding is counted on: those of its own line and its related places that
    are marked with its code, else its own line."""
    lines = [diagnostic.start.line, *(r.start.line for r in diagnostic.related)]
    marked = [n for n in lines if diagnostic.code in case.markers.get(n, ())]
    return marked or [diagnostic.start.line]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def summary(outcomes: list[Outcome]) -> list[str]:
    buggy = [o for o in outcomes if o.case.family != "examples" and not o.case.is_twin]
    twins = [o for o in outcomes if o.case.family != "examples" and o.case.is_twin]
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for o in buggy:
        for code, line in o.expected():
            hit = (code, line) in o.findings
            by_rule[code][0] += hit
            by_rule[code][1] += 1
            by_family[o.case.family][0] += hit
            by_family[o.case.family][1] += 1
        by_family[o.case.family][2] += 1
    for o in twins:
        by_family[o.case.family][3] += 1
    hits = sum(v[0] for v in by_rule.values())
    total = sum(v[1] for v in by_rule.values())
    alarms = sum(len(o.findings) for o in twins)
    extra = sum(len(o.findings - o.expected()) for o in buggy)
    totals = oracle.Comparison()
    for o in outcomes:
        totals.add(o.comparison)
    sources = {o.case.url for o in buggy if o.case.url}
    out = [
        f"Cases: {len(buggy)} buggy programs from {len(sources)} distinct reports, "
        f"{len(twins)} correct twins; {total} markers.",
        "",
        f"**Recall {_percent(hits, total)}** ({hits}/{total} markers) · "
        f"**false alarms on correct programs: {alarms}** "
        f"(+{extra} unmarked findings on buggy programs) · "
        f"**soundness failures: {len(totals.failures)}** · "
        f"**completeness {_percent(totals.known, totals.values)}** "
        f"({totals.known}/{totals.values} runtime array values)",
        "",
    ]
    rule_rows = [
        [code, str(v[1]), str(v[0]), _percent(v[0], v[1])] for code, v in sorted(by_rule.items())
    ]
    out += _table(rule_rows, ["rule", "markers", "found", "recall"]) + [""]
    family_rows = [
        [fam, str(v[2]), str(v[3]), str(v[1]), str(v[0]), _percent(v[0], v[1])]
        for fam in suite.FAMILIES
        if (v := by_family[fam])[2] or v[3]
    ]
    header = ["framework", "buggy", "twins", "markers", "found", "recall"]
    return out + _table(family_rows, header)


def details(outcomes: list[Outcome]) -> list[str]:
    out: list[str] = []
    misses: list[str] = []
    causes: Counter[str] = Counter()
    for o in outcomes:
        if o.case.family == "examples" or o.case.is_twin:
            continue
        for code, line in sorted(o.expected() - o.findings, key=lambda m: (m[1], m[0])):
            lost = oracle.first_loss(o.order, o.comparison, line)
            text = o.case.source.splitlines()
            if lost is None:
                where = "every runtime shape up to the marker was known (the rule did not fire)"
                causes["shapes known, rule silent"] += 1
            else:
                names = ", ".join(o.comparison.unknown[lost])
                where = f"shape first lost at line {lost} (`{text[lost - 1].strip()}`: {names})"
                causes["shape lost before the marker"] += 1
            misses.append(f"- `{o.case.name}:{line}` {code}: {where}")
    out += ["## Misses", ""]
    out += [f"{n} {cause}" for cause, n in causes.most_common()] + [""] + misses + [""]
    alarms = []
    for o in outcomes:
        if o.case.family == "examples":
            continue
        unexpected = o.findings - o.expected()
        for code, line in sorted(unexpected, key=lambda m: (m[1], m[0])):
            kind = "false alarm (twin)" if o.case.is_twin else "unmarked finding"
            message = o.messages[(code, line)]
            alarms.append(f"- `{o.case.name}:{line}` {code} {kind}: {message}")
    out += ["## False alarms and unmarked findings", ""] + (alarms or ["none"]) + [""]
    failures = [f for o in outcomes for f in o.comparison.failures]
    out += ["## Soundness failures (oracle)", ""] + ([f"- {f}" for f in failures] or ["none"])
    return out


def write_baseline(outcomes: list[Outcome]) -> None:
    """Per program, not one suite-wide share: adding a case changes the share but must not
    move any program's floor, while a change to shapelint that loses a shape one program
    knew fails that program's check by name."""
    floors = {o.case.name: o.comparison.known for o in outcomes}
    note = (
        "per program: how many recorded runtime array values shapelint knew in full; "
        "tests/bugs/test_oracle.py fails when a program knows fewer. Written by "
        "`report.py --write-baseline` when cases are added or shapelint improves; a loss is "
        "written only when it is deliberate (a shape that was known unsoundly), saying so"
    )
    text = json.dumps({"note": note, "known": dict(sorted(floors.items()))}, indent=1)
    (suite.HERE / "baseline.json").write_text(text + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--summary", action="store_true", help="only the tables")
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="store each program's count of known runtime shapes as its floor (baseline.json)",
    )
    args = parser.parse_args(argv)
    outcomes = [evaluate(c) for c in [*suite.cases(), *suite.examples()]]
    if args.write_baseline:
        write_baseline(outcomes)
    lines = ["# shapelint on the bug suite", "", *summary(outcomes), ""]
    if not args.summary:
        lines += details(outcomes)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
