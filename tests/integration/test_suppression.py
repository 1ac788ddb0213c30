"""Suppression (issue 14, item 9) through ``shapelint check``: ``# noqa`` found by the
tokenizer (SHP900 included, wherever the line can be tokenised), file-level
``# shapelint: noqa``, ``--add-noqa`` and the preview rule SHP901 for unused codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from shapelint import cli

MATMUL = "np.zeros((3, 4)) @ np.zeros((5, 6))"
BROADCAST = "np.random.rand(3, 1) * np.random.rand(1, 4)"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys, *argv: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every finding; the exit code must agree."""
    code = cli.main(["check", "--no-cache", "--output-format", "concise", "-q", *argv])
    out = capsys.readouterr().out
    found = []
    for line in out.splitlines():
        where, rest = line.split(": ", 1)
        _, row, column = where.rsplit(":", 2)
        found.append((rest.split(" ")[0], int(row), int(column)))
    assert code == (1 if found else 0)
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nx = np.zeros((3, 4)  # noqa: SHP900\n",  # tokenizer stops at EOF
        "import numpy as np\nif True:\n        x = 1\n    y = 2  # noqa: SHP900\n",  # dedent
        "import numpy as np\nx = 1 +  # noqa: SHP900\n",
    ],
    ids=["unclosed-paren", "bad-dedent", "dangling-operator"],
)
def test_noqa_shp900_is_honoured_where_the_line_can_be_tokenised(
    project: Path, capsys, source: str
) -> None:
    (project / "bad.py").write_text(source)
    assert findings(capsys, "bad.py") == []
    (project / "bad.py").write_text(source.replace("  # noqa: SHP900", ""))
    assert [code for code, _, _ in findings(capsys, "bad.py")] == ["SHP900"]


def test_a_noqa_inside_a_string_is_not_a_directive(project: Path, capsys) -> None:
    (project / "m.py").write_text(f'import numpy as np\nc = {MATMUL}; s = "# noqa"\n')
    assert findings(capsys, "m.py") == [("SHP001", 2, 5)]


def test_a_finding_in_a_multiline_string_is_silenced_after_the_string(
    project: Path, capsys
) -> None:
    (project / "m.py").write_text(
        "import numpy as np\nx = np.zeros((3, 4))  # shape: (3, 4)\n"
        'y = x @ np.zeros((5, 2)) if """\n""" else 0  # noqa: SHP001\n'
    )
    assert findings(capsys, "m.py") == []


def test_file_level_noqa_silences_the_whole_file_or_the_codes_it_names(
    project: Path, capsys
) -> None:
    body = f"import numpy as np\nc = {MATMUL}\nd = {BROADCAST}\n"
    (project / "m.py").write_text("# shapelint: noqa\n" + body)
    assert findings(capsys, "m.py") == []
    (project / "m.py").write_text("# shapelint: noqa: SHP002\n" + body)
    assert findings(capsys, "m.py") == [("SHP001", 3, 5)]
    (project / "m.py").write_text(body + "x = 1  # shapelint: noqa\n")  # not on its own line
    assert [code for code, _, _ in findings(capsys, "m.py")] == ["SHP001", "SHP002"]


def test_add_noqa_writes_comments_that_silence_every_current_finding(project: Path, capsys) -> None:
    source = (
        "import numpy as np\n"
        f"c = {MATMUL}\n"
        f"d = {BROADCAST}  # noqa: E501\n"
        f"e = {MATMUL}  # keep this note\n"
        "f = 1\r\n"
    )
    (project / "m.py").write_bytes(source.encode())
    assert cli.main(["check", "--no-cache", "--add-noqa", "m.py"]) == 0
    err = capsys.readouterr().err
    assert "Added 3 noqa directives.\n" in err
    assert (project / "m.py").read_bytes().decode() == (
        "import numpy as np\n"
        f"c = {MATMUL}  # noqa: SHP001\n"
        f"d = {BROADCAST}  # noqa: E501, SHP002\n"
        f"e = {MATMUL}  # keep this note  # noqa: SHP001\n"
        "f = 1\r\n"
    )
    assert findings(capsys, "m.py") == []
    assert cli.main(["check", "--no-cache", "--add-noqa", "m.py"]) == 0
    assert "Added 0 noqa directives." in capsys.readouterr().err


def test_add_noqa_follows_the_selection(project: Path, capsys) -> None:
    (project / "m.py").write_text(f"import numpy as np\nc = {MATMUL}\nd = {BROADCAST}\n")
    assert cli.main(["check", "--no-cache", "--add-noqa", "--select", "SHP001", "m.py"]) == 0
    capsys.readouterr()
    text = (project / "m.py").read_text()
    assert "# noqa: SHP001" in text and "SHP002" not in text
    assert findings(capsys, "m.py") == [("SHP002", 3, 5)]


def test_unused_noqa_codes_are_reported_by_the_preview_rule(project: Path, capsys) -> None:
    (project / "m.py").write_text(
        "import numpy as np\n"
        f"c = {MATMUL}  # noqa: SHP001\n"
        "d = np.zeros((3, 4)) @ np.zeros((4, 2))  # noqa: SHP001, E501\n"
        "e = 1  # noqa\n"
        "f = 2  # noqa: F401\n"
    )
    assert findings(capsys, "m.py") == []  # preview: off unless selected by its code
    column = len("d = np.zeros((3, 4)) @ np.zeros((4, 2))  # noqa: ") + 1
    assert findings(capsys, "--extend-select", "SHP901", "m.py") == [("SHP901", 3, column)]
    assert findings(capsys, "--extend-select", "unused-noqa", "m.py") == [("SHP901", 3, column)]


def test_a_code_the_selection_hides_is_not_unused(project: Path, capsys) -> None:
    (project / "m.py").write_text(f"import numpy as np\nc = {MATMUL}  # noqa: SHP001\n")
    assert findings(capsys, "--select", "SHP002,SHP901", "m.py") == []


def test_the_rule_has_a_page(capsys) -> None:
    assert cli.main(["rule", "unused-noqa"]) == 0
    assert capsys.readouterr().out.startswith("SHP901 unused-noqa.\n\n## What it does\n")
    repo = Path(__file__).resolve().parents[2]
    assert (repo / "rules" / "SHP901.md").read_text().count("# SHP901: unused-noqa") == 1
