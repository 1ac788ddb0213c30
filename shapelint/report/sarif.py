"""SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

Code scanning reads the ``rules`` array (one entry per registry code, so every alert links to
its rule page), ``level``, the repo-relative ``artifactLocation.uri`` with its ``uriBaseId``,
and ``partialFingerprints``: those hash the code, the file and the text of the flagged line
(plus an occurrence count), not the line number, so an alert survives edits above it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from typing import Any

from shapelint import __version__
from shapelint.checks import REGISTRY, documentation
from shapelint.checks.base import Rule
from shapelint.diagnostics import Diagnostic, Position
from shapelint.fixes import Fix
from shapelint.report.paths import display_path, file_uri, one_line, rule_url, uri_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/shapelint/shapelint"
ROOT_ID = "%SRCROOT%"
FINGERPRINT_KEY = "shapelint/v1"


def render(
    diagnostics: Sequence[Diagnostic], root: str, sources: Mapping[str, str] | None = None
) -> str:
    index = {rule.code: i for i, rule in enumerate(REGISTRY)}
    seen: dict[tuple[str, str, str], int] = {}
    results = []
    for d in diagnostics:
        shown = display_path(d.path, root)
        line_text = _line(sources or {}, d)
        key = (d.code, shown, line_text)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": d.severity.value,
            "message": {"text": one_line(d.message)},
            "locations": [
                {"physicalLocation": {"artifactLocation": _artifact(shown), "region": _region(d)}}
            ],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint(d.code, shown, line_text, occurrence)
            },
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.fix is not None and d.cell is None:  # a notebook's edits count lines in cells
            result["fixes"] = [_fix(d.fix, shown)]
        if d.related and d.cell is None:  # a notebook's count lines in cells, not in the file
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": {
                        "artifactLocation": _artifact(shown),
                        "region": _span(r.start, r.end),
                    },
                    "message": {"text": r.message},
                }
                for number, r in enumerate(d.related)
            ]
        results.append(result)
    base = posixpath.normpath(root.replace("\\", "/")).rstrip("/") + "/"
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "shapelint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in REGISTRY],
                    }
                },
                "originalUriBaseIds": {ROOT_ID: {"uri": file_uri(base)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def fingerprint(code: str, path: str, line_text: str, occurrence: int) -> str:
    data = "\0".join((code, path, line_text, str(occurrence))).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _line(sources: Mapping[str, str], d: Diagnostic) -> str:
    lines = sources.get(d.path, "").splitlines()
    line = d.file_span()[0].line
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _artifact(shown: str) -> dict[str, str]:
    if posixpath.isabs(shown):
        return {"uri": file_uri(shown)}
    return {"uri": uri_path(shown), "uriBaseId": ROOT_ID}


def _region(d: Diagnostic) -> dict[str, int]:
    """The span in the file's own text: a notebook finding points into the .ipynb JSON."""
    return _span(*d.file_span())


def _span(start: Position, end: Position) -> dict[str, int]:
    end_column = (
        end.column if (end.line, end.column) > (start.line, start.column) else start.column + 1
    )
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": max(end.line, start.line),
        "endColumn": end_column,
    }


def _fix(fix: Fix, shown: str) -> dict[str, Any]:
    """A SARIF fix: each edit a replacement of a region (end exclusive, as ours)."""
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.start.line,
                "startColumn": e.start.column,
                "endLine": e.end.line,
                "endColumn": e.end.column,
            },
            "insertedContent": {"text": e.content},
        }
        for e in fix.edits
    ]
    return {
        "description": {"text": one_line(fix.message)},
        "artifactChanges": [{"artifactLocation": _artifact(shown), "replacements": replacements}],
    }


def _rule(rule: type[Rule]) -> dict[str, Any]:
    page = documentation(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(page) or rule.summary},
        "help": {"text": page, "markdown": page},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": rule.severity.value, "enabled": rule.status == "stable"},
        "properties": {"tags": [rule.status], "precision": "high"},
    }


def _what_it_does(page: str) -> str:
    match = re.search(r"^## What it does\n(.*?)(?:\n## |\Z)", page, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""
