"""What a run pays before any analysis: imports only when needed, positions only for findings.

A pre-commit hook runs shapelint on one changed file; importing numpy (~0.1 s) and libcst
(~0.3 s) for a file without array code, or for ``--version``, would be most of its time.
Each case runs in a fresh interpreter and reads its ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import engine
from shapelint.config import Config

PROBE = """
import json, sys
from shapelint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps([name for name in ("numpy", "libcst") if name in sys.modules]))
"""


def imported(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_version_imports_neither_numpy_nor_libcst() -> None:
    assert imported("--version") == []


def test_a_file_without_array_code_imports_neither(tmp_path: Path) -> None:
    path = tmp_path / "small.py"
    path.write_text("import os\n\nprint(os.sep)\n")
    assert imported("check", "--no-cache", str(path)) == []


def test_a_file_whose_array_import_is_unused_needs_no_libcst(tmp_path: Path) -> None:
    path = tmp_path / "unused.py"
    path.write_text("import numpy as np\nimport os\n\nprint(os.sep)\n")
    assert "libcst" not in imported("check", "--no-cache", str(path))


def test_array_code_does_import_libcst(tmp_path: Path) -> None:
    path = tmp_path / "arrays.py"
    path.write_text("import numpy as np\nx = np.ones((2, 3)) @ np.ones((4, 5))\n")
    assert "libcst" in imported("check", "--no-cache", str(path))


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every metadata resolution the engine asks libcst for."""
    from libcst.metadata import MetadataWrapper

    calls: list[object] = []
    real = MetadataWrapper.resolve

    def counting(self: MetadataWrapper, provider: object) -> object:
        calls.append(provider)
        return real(self, provider)  # type: ignore[arg-type]

    monkeypatch.setattr(MetadataWrapper, "resolve", counting)
    return calls


def test_no_positions_are_resolved_without_a_finding(resolutions: list[object]) -> None:
    text = "import numpy as np\na = np.ones((2, 3))\nb = a @ np.ones((3, 4))\n"
    assert engine.lint_source(text, "ok.py", Config()) == []
    assert resolutions == []


def test_positions_are_resolved_once_for_a_file_with_findings(resolutions: list[object]) -> None:
    text = "import numpy as np\na = np.ones((2, 3)) @ np.ones((4, 5))\nb = a @ a\n"
    found = engine.lint_source(text, "bad.py", Config())
    assert [(d.code, d.start.line, d.start.column) for d in found][:1] == [("SHP001", 2, 5)]
    assert len(resolutions) == 1
