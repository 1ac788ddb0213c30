"""Errors (issue 14, item 13): undecodable bytes on stdin give the SHP900 a file gets, a file
named twice is linted once, and an SHP900 says what happened and what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import cli

BAD_BYTES = b'import numpy as np\nx = "\xff\xfe"\n'


def concise(
    cwd: Path, *argv: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "shapelint",
            "check",
            "--no-cache",
            "-q",
            "--output-format",
            "concise",
            *argv,
        ],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_bad_bytes_on_stdin_give_the_same_shp900_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "latin.py").write_bytes(BAD_BYTES)
    from_file = concise(tmp_path, "latin.py")
    from_stdin = concise(tmp_path, "-", "--stdin-filename", "latin.py", stdin=BAD_BYTES)
    assert from_file.returncode == from_stdin.returncode == 1
    assert from_stdin.stdout == from_file.stdout
    assert from_file.stdout.decode().startswith(
        "latin.py:2:6: SHP900 file could not be decoded: 'utf-8' codec can't decode byte 0xff"
    )
    assert b"Traceback" not in from_stdin.stderr


def test_a_file_named_twice_is_linted_once(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "m.py").write_text("import numpy as np\nc = np.zeros((3, 4)) @ np.zeros((5, 6))\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--output-format", "concise", "m.py", "./m.py", "m.py", "."]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "Found 1 finding."
    assert "Checked 1 file in" in err


@pytest.mark.parametrize(
    ("source", "config", "told"),
    [
        (
            "import numpy as np\nx = " + " + ".join(["a"] * 1200) + "\n",
            "",
            "SHP900 not analysed: nested 1,203 levels deep, more than the 500 libcst parses "
            "safely (chained operators, brackets, calls or elif branches); split the "
            "expression into smaller named steps to have it analysed",
        ),
        (
            "import numpy as np\nx = [1, 2, 3]\n",
            "memory-budget = 0.0001\n",
            "SHP900 not analysed: libcst would need about 0 MiB for its 11 syntax nodes, over "
            "the 0.0001 MiB memory budget; raise `memory-budget` in [tool.shapelint] to "
            "analyse this file",
        ),
        (
            b"# -*- coding: klingon -*-\nimport numpy as np\n",
            "",
            "SHP900 file could not be decoded: unknown encoding: klingon; save the file as "
            "UTF-8 or declare its encoding in a coding comment (PEP 263)",
        ),
    ],
    ids=["deep", "memory", "encoding"],
)
def test_shp900_says_what_happened_and_the_remedy(
    tmp_path: Path, source: str | bytes, config: str, told: str
) -> None:
    (tmp_path / "shapelint.toml").write_text(config)
    data = source if isinstance(source, bytes) else source.encode()
    (tmp_path / "m.py").write_bytes(data)
    result = concise(tmp_path, "m.py")
    (line,) = result.stdout.decode().splitlines()
    assert line.split(": ", 1)[1] == told
