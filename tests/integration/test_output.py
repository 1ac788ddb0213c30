"""What the report looks like (issue 14, item 6): no message ever spans lines, in any format;
the code frame of a long line is a window with ``…`` at the cuts; the caret is aligned by
display width after wide characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shapelint import cli
from shapelint.cli.parser import CHECK_FORMATS

MISMATCH = "np.zeros((3, 4)) @ np.zeros((5, 6))"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def text_report(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert cli.main(["check", "--no-cache", *argv]) == 1
    return capsys.readouterr().out.splitlines()


def test_a_long_line_is_shown_as_a_window_around_the_span(project: Path, capsys) -> None:
    line = f's = "{"x" * 150}"; c = {MISMATCH}; t = "{"y" * 100}"'
    (project / "long.py").write_text(f"import numpy as np\n{line}\n")
    out = text_report(capsys, "long.py")
    column = line.index("np.zeros") + 1
    assert out[0].startswith(f"long.py:2:{column}: SHP001 ")
    shown, carets = out[2], out[3]
    assert shown.startswith("2 | …") and shown.endswith("…")
    assert len(shown) - len("2 | ") <= 102  # at most MAX_WIDTH columns plus the two cuts
    start = carets.index("^")
    assert shown[start : start + len(MISMATCH)] == MISMATCH
    assert carets[start:] == "^" * len(MISMATCH) + " SHP001"


def test_the_caret_is_aligned_by_display_width_after_wide_characters(project: Path, capsys) -> None:
    line = f'u = "漢字漢字"; c = {MISMATCH}'
    (project / "wide.py").write_text(f"import numpy as np\n{line}\n")
    out = text_report(capsys, "wide.py")
    before = 'u = "漢字漢字"; c = '  # 16 characters, 20 columns: each 漢/字 takes two
    assert out[2] == f"2 | {line}"
    assert out[3] == "  | " + " " * (len(before) + 4) + "^" * len(MISMATCH) + " SHP001"


def test_a_combining_mark_takes_no_column(project: Path, capsys) -> None:
    line = f'v = "e\u0301"; c = {MISMATCH}'
    (project / "mark.py").write_text(f"import numpy as np\n{line}\n")
    out = text_report(capsys, "mark.py")
    assert out[3].index("^") == len('  | v = "é"; c = ')


@pytest.mark.parametrize("output_format", CHECK_FORMATS)
def test_no_message_spans_lines_in_any_format(project: Path, capsys, output_format: str) -> None:
    """A message with line breaks (here planted in the cache, as any future message could
    carry one) comes out on one line in every format."""
    (project / "m.py").write_text(f"import numpy as np\nc = {MISMATCH}\n")
    assert cli.main(["check", "m.py", "--output-format", "json"]) == 1
    capsys.readouterr()
    (entry,) = (project / ".shapelint_cache").rglob("*.json")
    data = json.loads(entry.read_text())
    data["diagnostics"][0][5] = "first line\nsecond line\r\nthird\u2028fourth"
    entry.write_text(json.dumps(data))
    assert cli.main(["check", "m.py", "--output-format", output_format]) == 1
    out = capsys.readouterr().out
    flat = "first line second line third fourth"
    if output_format in ("json", "sarif"):
        assert flat in out  # and JSON strings hold no raw line break by construction
        assert "\\n" not in out.split("first line", 1)[1].split('"', 1)[0]
    else:
        (line,) = [line for line in out.splitlines() if "first line" in line]
        assert line.endswith(flat)
    assert "second line\n" not in out and "\u2028" not in out
