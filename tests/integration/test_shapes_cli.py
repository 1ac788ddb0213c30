"""``shapelint shapes`` (issue 14, item 12): a file or stdin, text with a legend or JSON
records, and every problem on stderr with exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from shapelint import cli

SOURCE = (
    "import numpy as np\n"
    "a = np.ones((64, 784))\n"
    "b = a.reshape(-1, a.shape[0])\n"
    "def f(x: np.ndarray):\n"
    "    y = np.zeros((2, 3))\n"
    "    return y\n"
)


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_text_starts_with_a_legend_for_the_marks(tmp_path: Path, capsys) -> None:
    (tmp_path / "m.py").write_text(SOURCE)
    assert cli.main(["shapes", str(tmp_path / "m.py")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0]
        == "# legend: ? a dimension whose size is unknown; … dimensions whose number is unknown"
    )
    assert out[2].endswith("# a: (64, 784)")


def test_stdin_with_json_records(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    stdin(monkeypatch, SOURCE.encode())
    assert cli.main(["shapes", "-", "--stdin-filename", "model.py", "--output-format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == "model.py"
    records = {(r["name"], r["line"]): r for r in report["shapes"]}
    assert records[("a", 2)] == {
        "name": "a",
        "line": 2,
        "column": 1,
        "shape": "(64, 784)",
        "framework": "numpy",
        "origin": "assignment",
    }
    assert records[("y", 5)]["column"] == 5
    assert records[("return", 6)]["origin"] == "return"
    assert records[("return", 6)]["shape"] == "(2, 3)"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"import numpy as np\nx = (\n", "model.py:2:5: syntax error: '(' was never closed"),
        (b"x = '\xff'\n", "model.py: cannot decode: "),
    ],
)
def test_problems_go_to_stderr_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys, data: bytes, named: str
) -> None:
    stdin(monkeypatch, data)
    assert cli.main(["shapes", "-", "--stdin-filename", "model.py"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"shapelint: error: {named}") and err.count("\n") == 1


def test_a_missing_file_is_exit_2(tmp_path: Path, capsys) -> None:
    assert cli.main(["shapes", str(tmp_path / "nope.py")]) == 2
    assert capsys.readouterr() == (
        "",
        f"shapelint: error: {tmp_path / 'nope.py'}: cannot read: No such file or directory\n",
    )


def test_names_unpacked_from_an_array_show_its_rows(tmp_path: Path, capsys) -> None:
    """``a, b = x`` binds the rows of ``x``: each name is shown with a row's shape; a count
    that does not match the rows keeps the whole value."""
    (tmp_path / "m.py").write_text(
        "import numpy as np\nx = np.ones((2, 5))\na, b = x\nc, d, e = np.ones((2, 5))\n"
    )
    assert cli.main(["shapes", str(tmp_path / "m.py")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[3].endswith("# a: (5,); b: (5,)")
    assert "c: (5,)" not in out[4]
