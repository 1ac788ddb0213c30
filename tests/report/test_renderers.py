"""Golden output of every report format, on Diagnostic objects built by hand."""

from __future__ import annotations

import json
from dataclasses import replace

from shapelint.diagnostics import Diagnostic, Position, Related, Severity
from shapelint.report import FORMATS, concise, github, json_format, text
from shapelint.report.paths import chain_suffix, display_path

ROOT = "/project"
SOURCE = "import numpy as np\na = np.ones((64, 784))\nb = np.ones((10, 784))\nc = a @ b\n"
MISMATCH = Diagnostic(
    "/project/src/model.py",
    Position(4, 5),
    Position(4, 10),
    "SHP001",
    "inner dimensions differ: 784 vs 10",
    Severity.ERROR,
)
OUTER = Diagnostic(
    "lib/ops.py",
    Position(2, 8),
    Position(2, 13),
    "SHP002",
    "`*` of (5, 1) and (1, 5)",
    Severity.WARNING,
)
SOURCES = {"/project/src/model.py": SOURCE, "lib/ops.py": "if x:\n\tout = a * b\n"}


def test_text_shows_the_source_line_with_carets_under_the_span() -> None:
    assert text.render([MISMATCH], ROOT, SOURCES) == (
        "src/model.py:4:5: SHP001 inner dimensions differ: 784 vs 10\n"
        "  |\n"
        "4 | c = a @ b\n"
        "  |     ^^^^^ SHP001\n"
        "  |\n"
        "\n"
        "Found 1 finding.\n"
    )


CHAINED = replace(
    MISMATCH,
    related=(
        Related(Position(7, 1), Position(7, 9), "called with (64, 784)"),
        Related(Position(2, 12), Position(2, 20), "called with (64, 784)", cell=3),
    ),
)


def test_text_names_each_call_the_shapes_came_from_in_a_note() -> None:
    assert text.render([CHAINED], ROOT, SOURCES) == (
        "src/model.py:4:5: SHP001 inner dimensions differ: 784 vs 10\n"
        "  |\n"
        "4 | c = a @ b\n"
        "  |     ^^^^^ SHP001\n"
        "  |\n"
        "note: called with (64, 784) at src/model.py:7:1\n"
        "note: called with (64, 784) at src/model.py:cell 3:2:12\n"
        "\n"
        "Found 1 finding.\n"
    )


def test_a_one_line_message_ends_with_the_call_chain() -> None:
    assert chain_suffix(MISMATCH) == ""
    assert chain_suffix(CHAINED) == (
        " (called with (64, 784) at line 7:1; called with (64, 784) at cell 3 line 2:12)"
    )


def test_text_expands_tabs_so_the_carets_stay_under_the_span() -> None:
    out = text.render([OUTER], ROOT, SOURCES)
    assert out.splitlines()[2:4] == ["2 |     out = a * b", "  |           ^^^^^ SHP002"]


def test_text_without_source_prints_the_header_only() -> None:
    assert text.render([MISMATCH], ROOT, {}) == (
        "src/model.py:4:5: SHP001 inner dimensions differ: 784 vs 10\n\nFound 1 finding.\n"
    )


def test_text_underlines_a_multiline_span_to_the_end_of_its_first_line() -> None:
    diag = Diagnostic("m.py", Position(1, 5), Position(3, 2), "SHP006", "msg", Severity.WARNING)
    out = text.render([diag], ROOT, {"m.py": "y = (a +\n  b\n)\n"})
    assert out.splitlines()[3] == "  |     ^^^^ SHP006"


def test_text_marks_an_empty_span_with_one_caret() -> None:
    diag = Diagnostic("m.py", Position(1, 3), Position(1, 3), "SHP900", "msg", Severity.ERROR)
    assert text.render([diag], ROOT, {"m.py": "x =\n"}).splitlines()[3] == "  |   ^ SHP900"


def test_text_colour_only_when_asked() -> None:
    plain = text.render([MISMATCH, OUTER], ROOT, SOURCES)
    coloured = text.render([MISMATCH, OUTER], ROOT, SOURCES, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mSHP001\x1b[0m" in coloured  # errors red
    assert "\x1b[1;33mSHP002\x1b[0m" in coloured  # warnings yellow
    assert _strip_ansi(coloured) == plain


def test_no_findings_render_nothing_in_the_human_formats() -> None:
    assert text.render([], ROOT, {}) == ""
    assert concise.render([], ROOT, {}) == ""
    assert github.render([], ROOT, {}) == ""
    assert json_format.render([], ROOT, {}) == "[]\n"


def test_concise() -> None:
    assert concise.render([MISMATCH, OUTER], ROOT, SOURCES) == (
        "src/model.py:4:5: SHP001 inner dimensions differ: 784 vs 10\n"
        "lib/ops.py:2:8: SHP002 `*` of (5, 1) and (1, 5)\n"
        "Found 2 findings.\n"
    )


def test_json_matches_the_contract() -> None:
    out = json_format.render([MISMATCH, OUTER], ROOT, SOURCES)
    assert json.loads(out) == [
        {
            "code": "SHP001",
            "message": "inner dimensions differ: 784 vs 10",
            "filename": "src/model.py",
            "location": {"row": 4, "column": 5},
            "end_location": {"row": 4, "column": 10},
            "severity": "error",
            "url": "https://github.com/shapelint/shapelint/blob/main/rules/SHP001.md",
        },
        {
            "code": "SHP002",
            "message": "`*` of (5, 1) and (1, 5)",
            "filename": "lib/ops.py",
            "location": {"row": 2, "column": 8},
            "end_location": {"row": 2, "column": 13},
            "severity": "warning",
            "url": "https://github.com/shapelint/shapelint/blob/main/rules/SHP002.md",
        },
    ]
    assert out.startswith('[\n  {\n    "code": "SHP001",\n')


def test_github_workflow_commands() -> None:
    assert github.render([MISMATCH, OUTER], ROOT, SOURCES) == (
        "::error title=shapelint SHP001,file=src/model.py,line=4,col=5,endLine=4,endColumn=10"
        "::inner dimensions differ: 784 vs 10\n"
        "::warning title=shapelint SHP002,file=lib/ops.py,line=2,col=8,endLine=2,endColumn=13"
        "::`*` of (5, 1) and (1, 5)\n"
    )


def test_github_escapes_data_and_properties() -> None:
    diag = Diagnostic(
        "d,a:b/100%.py",
        Position(1, 1),
        Position(1, 2),
        "SHP001",
        "5% off\r\nx: a, b",
        Severity.ERROR,
    )
    assert github.render([diag], ROOT, {}) == (
        "::error title=shapelint SHP001,file=d%2Ca%3Ab/100%25.py,line=1,col=1,endLine=1,"
        "endColumn=2::5%25 off x: a, b\n"  # a message is always one line
    )


def test_every_format_is_registered() -> None:
    assert sorted(FORMATS) == ["concise", "github", "json", "sarif", "text"]


def test_display_path() -> None:
    assert display_path("/project/src/a.py", "/project") == "src/a.py"
    assert display_path("/project/src/a.py", "/project/") == "src/a.py"
    assert display_path("/projectx/a.py", "/project") == "/projectx/a.py"
    assert display_path("./src/../a.py", "/project") == "a.py"
    assert display_path("<stdin>", "/project") == "<stdin>"


def _strip_ansi(value: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", value)
