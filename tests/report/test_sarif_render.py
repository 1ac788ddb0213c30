"""SARIF renderer: structure GitHub code scanning reads, and fingerprints that survive edits.

Validation against the official schema is in tests/integration/test_sarif.py.
"""

from __future__ import annotations

import json

from shapelint.checks import REGISTRY
from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.report import sarif

ROOT = "/project"
SOURCE = "import numpy as np\na = np.ones((64, 784))\nb = np.ones((10, 784))\nc = a @ b\n"


def _diag(line: int, code: str = "SHP001", path: str = "/project/src/m.py") -> Diagnostic:
    severity = Severity.ERROR if code == "SHP001" else Severity.WARNING
    return Diagnostic(path, Position(line, 5), Position(line, 10), code, "msg", severity)


def _run(diagnostics: list[Diagnostic], sources: dict[str, str]) -> dict:
    return json.loads(sarif.render(diagnostics, ROOT, sources))["runs"][0]


def test_one_rule_entry_per_registry_code_in_order() -> None:
    rules = _run([], {})["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in REGISTRY]
    first = rules[0]
    assert first["name"] == "shape-mismatch"
    assert first["helpUri"] == "https://github.com/shapelint/shapelint/blob/main/rules/SHP001.md"
    assert first["shortDescription"]["text"] == REGISTRY[0].summary
    assert first["fullDescription"]["text"].startswith("Finds ")
    assert "## Why is this bad?" in first["help"]["markdown"]
    assert first["help"]["text"] == first["help"]["markdown"]
    assert first["defaultConfiguration"]["level"] == "error"


def test_result_location_level_and_rule_index() -> None:
    run = _run([_diag(4), _diag(4, "SHP002")], {"/project/src/m.py": SOURCE})
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///project/"}}
    first, second = run["results"]
    assert first["ruleId"] == "SHP001" and first["ruleIndex"] == 0 and first["level"] == "error"
    assert second["ruleIndex"] == 1 and second["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "src/m.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 10},
    }


def test_paths_outside_the_root_are_absolute_file_uris() -> None:
    run = _run([_diag(1, path="/elsewhere/a b.py")], {})
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///elsewhere/a%20b.py"}


def test_fingerprints_ignore_the_line_number_but_not_the_line_text() -> None:
    before = _run([_diag(4)], {"/project/src/m.py": SOURCE})
    moved = _run([_diag(6)], {"/project/src/m.py": "\n\n" + SOURCE})
    edited = _run([_diag(4)], {"/project/src/m.py": SOURCE.replace("c = a @ b", "d = a @ b")})
    key = "shapelint/v1"
    fp = before["results"][0]["partialFingerprints"][key]
    assert moved["results"][0]["partialFingerprints"][key] == fp
    assert edited["results"][0]["partialFingerprints"][key] != fp
    assert len(fp) == 32


def test_identical_lines_get_distinct_fingerprints_by_occurrence() -> None:
    source = "c = a @ b\nc = a @ b\n"
    run = _run([_diag(1), _diag(2)], {"/project/src/m.py": source})
    prints = [r["partialFingerprints"]["shapelint/v1"] for r in run["results"]]
    assert len(set(prints)) == 2
    assert prints[0] == sarif.fingerprint("SHP001", "src/m.py", "c = a @ b", 0)
    assert prints[1] == sarif.fingerprint("SHP001", "src/m.py", "c = a @ b", 1)
