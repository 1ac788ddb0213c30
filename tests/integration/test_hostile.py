"""Hostile inputs through the real CLI: each gives its exact diagnostic (code, line, column),
the other file in the same run is still linted, and the exit code is the documented one.

Every run holds ``companion.py``, whose one SHP001 must always be reported: a hostile file
must never cost another file its findings. Heavy inputs (10 MB, 100,000 lines, deep nesting)
run in a subprocess with a timeout, so a crash of the native parser would fail the test
instead of killing pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint import cli

COMPANION = """\
import numpy as np

a = np.zeros((3, 4))
b = np.zeros((5, 6))
c = a @ b
"""
COMPANION_FINDING = ("companion.py", "SHP001", 5, 5)
MISMATCH = "a = np.zeros((3, 4)) @ np.zeros((5, 6))\n"  # SHP001 at column 5
Finding = tuple[str, str, int, int]

# what each SHP900 tells the user to do (issue 14, item 13)
SPLIT = "; split the expression into smaller named steps to have it analysed"
TIME = "; raise `time-budget` in [tool.shapelint] to analyse this file"
DECODE = "; save the file as UTF-8 or declare its encoding in a coding comment (PEP 263)"
BUG = "; this is a bug in shapelint: please report it with the file"


def write(directory: Path, files: dict[str, str | bytes]) -> None:
    (directory / "companion.py").write_text(COMPANION, encoding="utf-8")
    for name, content in files.items():
        if isinstance(content, str):
            content = content.encode("utf-8")
        (directory / name).write_bytes(content)


def records(output: str) -> list[dict]:
    return json.loads(output) if output.strip() else []


def summary(items: list[dict]) -> list[Finding]:
    return sorted(
        (r["filename"], r["code"], r["location"]["row"], r["location"]["column"]) for r in items
    )


def lint(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
) -> tuple[int, list[dict]]:
    """The CLI in this process on a directory holding ``files`` and the companion."""
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--no-cache", "--output-format", "json", "."])
    return code, records(capsys.readouterr().out)


def lint_in_subprocess(
    tmp_path: Path, files: dict[str, str | bytes], *options: str, timeout: float = 120
) -> tuple[int, list[dict]]:
    write(tmp_path, files)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "shapelint",
            "check",
            "--no-cache",
            "--output-format",
            "json",
            *options,
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
    return done.returncode, records(done.stdout)


def expect(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    findings: list[Finding],
) -> list[dict]:
    code, items = lint(tmp_path, monkeypatch, capsys, files)
    assert summary(items) == sorted([COMPANION_FINDING, *findings])
    assert code == 1
    return items


def message(items: list[dict], filename: str) -> str:
    (found,) = [r["message"] for r in items if r["filename"] == filename]
    return found


# -- nothing to say ---------------------------------------------------------------------
def test_empty_file(tmp_path, monkeypatch, capsys) -> None:
    expect(tmp_path, monkeypatch, capsys, {"empty.py": ""}, [])


def test_comments_only(tmp_path, monkeypatch, capsys) -> None:
    files = {"comments.py": "# import numpy as np\n# x = np.zeros((3, 4)) @ np.zeros((5, 6))\n"}
    expect(tmp_path, monkeypatch, capsys, files, [])


# -- what CPython refuses -----------------------------------------------------------------
def test_syntax_error_at_cpythons_position(tmp_path, monkeypatch, capsys) -> None:
    files = {"bad.py": "import numpy as np\nx = np.zeros((3, 4)\ny = 1\n"}
    items = expect(tmp_path, monkeypatch, capsys, files, [("bad.py", "SHP900", 2, 13)])
    assert message(items, "bad.py") == "syntax error: '(' was never closed"


def test_nul_byte(tmp_path, monkeypatch, capsys) -> None:
    files = {"nul.py": "import numpy as np\nx = 1\0\n"}
    items = expect(tmp_path, monkeypatch, capsys, files, [("nul.py", "SHP900", 2, 6)])
    assert "null bytes" in message(items, "nul.py")


def test_invalid_utf8_without_cookie(tmp_path, monkeypatch, capsys) -> None:
    files = {"latin.py": b'import numpy as np\nx = "\xff\xfe"\n'}
    items = expect(tmp_path, monkeypatch, capsys, files, [("latin.py", "SHP900", 2, 6)])
    assert message(items, "latin.py").startswith("file could not be decoded: 'utf-8' codec")


def test_invalid_utf8_under_a_utf8_cookie(tmp_path, monkeypatch, capsys) -> None:
    files = {"cookie.py": b'# -*- coding: utf-8 -*-\nimport numpy as np\nx = "\xff"\n'}
    expect(tmp_path, monkeypatch, capsys, files, [("cookie.py", "SHP900", 3, 6)])


def test_latin1_cookie_is_honoured(tmp_path, monkeypatch, capsys) -> None:
    source = b'# -*- coding: latin-1 -*-\nimport numpy as np\nx = "\xff"\n' + MISMATCH.encode()
    expect(tmp_path, monkeypatch, capsys, {"latin1.py": source}, [("latin1.py", "SHP001", 4, 5)])


def test_unknown_cookie(tmp_path, monkeypatch, capsys) -> None:
    files = {"klingon.py": b"# -*- coding: klingon -*-\nimport numpy as np\n"}
    items = expect(tmp_path, monkeypatch, capsys, files, [("klingon.py", "SHP900", 1, 1)])
    assert (
        message(items, "klingon.py")
        == "file could not be decoded: unknown encoding: klingon" + DECODE
    )


def test_mixed_tabs_and_spaces(tmp_path, monkeypatch, capsys) -> None:
    files = {"mixed.py": "import numpy as np\nif True:\n        a = 1\n\tb = 2\n"}
    items = expect(tmp_path, monkeypatch, capsys, files, [("mixed.py", "SHP900", 4, 1)])
    assert message(items, "mixed.py") == (
        "syntax error: inconsistent use of tabs and spaces in indentation"
    )


# -- odd but valid text -------------------------------------------------------------------
def test_byte_order_mark(tmp_path, monkeypatch, capsys) -> None:
    source = b"\xef\xbb\xbfimport numpy as np\n" + MISMATCH.encode()
    expect(tmp_path, monkeypatch, capsys, {"bom.py": source}, [("bom.py", "SHP001", 2, 5)])


def test_crlf_line_endings(tmp_path, monkeypatch, capsys) -> None:
    source = b"import numpy as np\r\n\r\n" + MISMATCH.replace("\n", "\r\n").encode()
    expect(tmp_path, monkeypatch, capsys, {"crlf.py": source}, [("crlf.py", "SHP001", 3, 5)])


def test_lone_cr_line_endings(tmp_path, monkeypatch, capsys) -> None:
    source = b"import numpy as np\r\r" + MISMATCH.replace("\n", "\r").encode()
    expect(tmp_path, monkeypatch, capsys, {"cr.py": source}, [("cr.py", "SHP001", 3, 5)])


def test_tab_indentation(tmp_path, monkeypatch, capsys) -> None:
    source = "import numpy as np\nif True:\n\t" + MISMATCH
    expect(tmp_path, monkeypatch, capsys, {"tabs.py": source}, [("tabs.py", "SHP001", 3, 6)])


# -- newer syntax ---------------------------------------------------------------------------
def test_match_statement(tmp_path, monkeypatch, capsys) -> None:
    source = "import numpy as np\n\nmatch 3:\n    case 3:\n        " + MISMATCH
    expect(tmp_path, monkeypatch, capsys, {"match.py": source}, [("match.py", "SHP001", 5, 13)])


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="type parameters parse from 3.12")
def test_type_parameters_before_312(tmp_path, monkeypatch, capsys) -> None:
    source = "import numpy as np\n\ndef first[T](x: T) -> T:\n    return x\n" + MISMATCH
    items = expect(
        tmp_path, monkeypatch, capsys, {"pep695.py": source}, [("pep695.py", "SHP900", 3, 10)]
    )
    assert message(items, "pep695.py") == "syntax error: expected '('"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 701 f-strings parse from 3.12")
def test_nested_fstring_quotes_before_312(tmp_path, monkeypatch, capsys) -> None:
    source = 'import numpy as np\nx = f"{f"{1}"}"\n' + MISMATCH
    items = expect(
        tmp_path, monkeypatch, capsys, {"pep701.py": source}, [("pep701.py", "SHP900", 2, 10)]
    )
    assert message(items, "pep701.py") == "syntax error: f-string: expecting '}'"


@pytest.mark.skipif(sys.version_info < (3, 12), reason="needs Python 3.12 syntax")
def test_type_parameters_and_nested_fstrings_from_312(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import numpy as np\n\ndef first[T](x: T) -> T:\n    return x\n\n"
        'y = f"{f"{1}"}"\n' + MISMATCH
    )
    expect(tmp_path, monkeypatch, capsys, {"new.py": source}, [("new.py", "SHP001", 7, 5)])


# -- size and depth ---------------------------------------------------------------------------
def test_ten_megabyte_file(tmp_path) -> None:
    payload = ("x" * 99 + "\n") * 100_000
    source = f'import numpy as np\n\nDATA = """\n{payload}"""\n{MISMATCH}'
    assert len(source) > 10_000_000
    code, items = lint_in_subprocess(tmp_path, {"big.py": source})
    assert summary(items) == [("big.py", "SHP001", 100_005, 5), COMPANION_FINDING]
    assert code == 1


def test_hundred_thousand_lines_stop_at_the_time_budget(tmp_path) -> None:
    source = "import numpy as np\n" + "x = 1\n" * 100_000 + MISMATCH
    (tmp_path / "shapelint.toml").write_text("time-budget = 1\n")
    code, items = lint_in_subprocess(tmp_path, {"long.py": source}, "--config", "shapelint.toml")
    assert summary(items) == [COMPANION_FINDING, ("long.py", "SHP900", 1, 1)]
    # CPython's parse alone may run past one second on a busy machine, so either the
    # prediction (libcst would need 8x CPython's time) or the stop itself may speak first.
    assert message(items, "long.py") in (
        "analysis stopped after 1 s of CPU (the time budget)" + TIME,
        "not analysed: parsing would take longer than the 1 s time budget" + TIME,
    )
    assert code == 1


DEEP = {
    # kind: (source at depth n, expected (line, column, message) at 1,000 and at 100,000)
    "parentheses": (
        lambda n: "x = " + "(" * n + "1" + ")" * n + "\n",
        (2, 205, "syntax error: too many nested parentheses"),
        (2, 205, "syntax error: too many nested parentheses"),
    ),
    "lists": (
        lambda n: "x = " + "[" * n + "1" + "]" * n + "\n",
        (2, 205, "syntax error: too many nested parentheses"),
        (2, 205, "syntax error: too many nested parentheses"),
    ),
    "calls": (
        lambda n: "x = " + "f(" * n + "1" + ")" * n + "\n",
        (2, 406, "syntax error: too many nested parentheses"),
        (2, 406, "syntax error: too many nested parentheses"),
    ),
    "plus-chain": (
        lambda n: "x = " + " + ".join(["a"] * n) + "\n",
        (
            2,
            1,
            "not analysed: nested 1,003 levels deep, more than the 500 libcst parses safely "
            "(chained operators, brackets, calls or elif branches)" + SPLIT,
        ),
        (1, 1, "not analysed: the file is nested too deeply for the parser" + SPLIT),
    ),
    "and-chain": (
        lambda n: "x = " + " and ".join(["a"] * n) + "\n",
        (
            2,
            1,
            "not analysed: nested 1,004 levels deep, more than the 500 libcst parses safely "
            "(chained operators, brackets, calls or elif branches)" + SPLIT,
        ),
        (
            2,
            1,
            "not analysed: nested 100,004 levels deep, more than the 500 libcst parses safely "
            "(chained operators, brackets, calls or elif branches)" + SPLIT,
        ),
    ),
    "unary-chain": (
        lambda n: "x = " + "-" * n + "a\n",
        (
            2,
            1,
            "not analysed: nested 1,004 levels deep, more than the 500 libcst parses safely "
            "(chained operators, brackets, calls or elif branches)" + SPLIT,
        ),
        (1, 1, "not analysed: the file is nested too deeply for the parser" + SPLIT),
    ),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting(tmp_path, kind: str) -> None:
    make, at_thousand, at_hundred_thousand = DEEP[kind]
    files = {
        "deep_1000.py": "import numpy as np\n" + make(1_000),
        "deep_100000.py": "import numpy as np\n" + make(100_000),
    }
    code, items = lint_in_subprocess(tmp_path, files, timeout=120)
    assert summary(items) == [
        COMPANION_FINDING,
        ("deep_1000.py", "SHP900", *at_thousand[:2]),
        ("deep_100000.py", "SHP900", *at_hundred_thousand[:2]),
    ]
    assert message(items, "deep_1000.py") == at_thousand[2]
    assert message(items, "deep_100000.py") == at_hundred_thousand[2]
    assert code == 1


def test_elif_chain_that_crashes_libcst(tmp_path) -> None:
    source = "import numpy as np\nif a:\n    pass\n" + "elif a:\n    pass\n" * 10_000
    code, items = lint_in_subprocess(tmp_path, {"elif.py": source})
    assert code == 1
    source = "import numpy as np\nif a:\n    pass\n" + "elif a:\n    pass\n" * 1_000
    code, items = lint_in_subprocess(tmp_path, {"elif.py": source})
    assert summary(items) == [COMPANION_FINDING, ("elif.py", "SHP900", 1000, 1)]
    assert message(items, "elif.py") == (
        "not analysed: nested 1,004 levels deep, more than the 500 libcst parses safely "
        "(chained operators, brackets, calls or elif branches)" + SPLIT
    )
    source = "import numpy as np\nif a:\n    pass\n" + "elif a:\n    pass\n" * 10_000
    code, items = lint_in_subprocess(tmp_path, {"elif.py": source})
    assert summary(items) == [COMPANION_FINDING, ("elif.py", "SHP900", 1, 1)]
    assert message(items, "elif.py") == (
        "not analysed: the file is nested too deeply for the parser" + SPLIT
    )
    assert code == 1


def test_deep_but_legal_code_is_analysed(tmp_path, monkeypatch, capsys) -> None:
    """450 levels is past the default recursion limit of the analysis, not past the guard."""
    chain = " @ ".join(["w"] * 450)
    source = f"import numpy as np\n\nw = np.zeros((3, 3))\nv = {chain} @ np.zeros((4, 2))\n"
    finding = ("chain.py", "SHP001", 4, 5)
    items = expect(tmp_path, monkeypatch, capsys, {"chain.py": source}, [finding])
    assert message(items, "chain.py") == "`@`: inner dimensions differ: (3, 3) @ (4, 2)"


# -- hostile values -----------------------------------------------------------------------------
def test_huge_literal_shapes_allocate_nothing(tmp_path) -> None:
    source = (
        "import numpy as np\n\n"
        "a = np.zeros((10**9, 10**9))\n"
        "b = np.ones((10**9, 10**9, 10**9))\n"
        "c = a @ np.zeros((3, 4))\n"
        "d = np.broadcast_to(a, (2**62, 10**9, 10**9)) + b\n"
    )
    write(tmp_path, {"huge.py": source})
    script = (
        "import resource, sys\nfrom shapelint.cli import main\n"
        "code = main(['check', '--no-cache', '--output-format', 'json', '.'])\n"
        "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    items = records(done.stdout)
    assert summary(items) == [
        COMPANION_FINDING,
        ("huge.py", "SHP001", 5, 5),
        ("huge.py", "SHP001", 6, 5),
    ]
    assert [r["message"] for r in items if r["filename"] == "huge.py"] == [
        "`@`: inner dimensions differ: (1000000000, 1000000000) @ (3, 4)",
        "`+`: cannot broadcast (4611686018427387904, 1000000000, 1000000000) with "
        "(1000000000, 1000000000, 1000000000)",
    ]
    assert done.returncode == 1
    assert int(done.stderr.strip().splitlines()[-1]) < 1_000_000  # peak RSS in KiB: < 1 GiB


def test_zero_and_negative_dims(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import numpy as np\nimport torch\n\n"
        "a = np.zeros((0, 3))\n"
        "b = np.zeros((4, 0))\n"
        "c = a @ b\n"
        "d = np.zeros((-1, 3))\n"
        "e = np.zeros((2, 3)).reshape(-1, 4)\n"
        "f = np.zeros((0, 3)).reshape(-1, 3)\n"
        "g = np.zeros((-1, 3))[0:2]\n"  # found by fuzzing: slicing a negative dim crashed
        "h = torch.zeros(3, -2)[:, 1:]\n"
    )
    items = expect(
        tmp_path,
        monkeypatch,
        capsys,
        {"dims.py": source},
        [("dims.py", "SHP001", 6, 5), ("dims.py", "SHP001", 8, 5)],
    )
    assert [r["message"] for r in items if r["filename"] == "dims.py"] == [
        "`@`: inner dimensions differ: (0, 3) @ (4, 0)",
        "`np.zeros((2, 3)).reshape`: cannot reshape (2, 3) (6 elements) into (-1, 4): "
        "6 is not a multiple of 4",
    ]


def test_loop_doubling_a_dim_ten_thousand_times(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import numpy as np\n\n"
        "x = np.zeros((1, 3))\n"
        "for _ in range(10000):\n"
        "    x = np.concatenate([x, x], axis=0)\n"
        "y = x @ np.zeros((4, 2))\n"
    )
    finding = ("loop.py", "SHP001", 6, 5)
    items = expect(tmp_path, monkeypatch, capsys, {"loop.py": source}, [finding])
    assert message(items, "loop.py") == "`@`: inner dimensions differ: (?, 3) @ (4, 2)"


def test_unrolled_doubling_ten_thousand_times(tmp_path, monkeypatch, capsys) -> None:
    # about 4 s of CPU (libcst's parse and positions for 10,000 lines): a busy machine must
    # not turn that into a stop at the default 20 s budget
    (tmp_path / "pyproject.toml").write_text("[tool.shapelint]\ntime-budget = 600\n")
    source = (
        "import numpy as np\n\nx = np.zeros((1, 3))\nn = 1\n"
        + "n = n * 2\n" * 10_000
        + "y = np.zeros((n, 3))\nz = x @ y\n"
    )
    items = expect(
        tmp_path,
        monkeypatch,
        capsys,
        {"unrolled.py": source},
        [("unrolled.py", "SHP001", 10_006, 5)],
    )
    assert message(items, "unrolled.py").startswith("`@`: inner dimensions differ: (1, 3) @ (")


def test_mutually_recursive_local_functions(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import numpy as np\n\n\n"
        "def outer(x):\n"
        "    def ping(y, n):\n"
        "        return pong(y @ np.ones((3, 3)), n - 1) if n else y\n\n"
        "    def pong(y, n):\n"
        "        return ping(y, n - 1)\n\n"
        "    return ping(x, 10)\n\n\n"
        "z = outer(np.zeros((2, 3)))\n"
        "w = np.zeros((2, 3)) @ np.zeros((2, 3))\n"
    )
    expect(tmp_path, monkeypatch, capsys, {"mutual.py": source}, [("mutual.py", "SHP001", 15, 5)])


def test_class_inheriting_from_itself(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import torch\nimport torch.nn as nn\n\n\n"
        "class Net(Net):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.fc = nn.Linear(3, 4)\n\n"
        "    def forward(self, x):\n"
        "        return self.fc(x)\n\n\n"
        "class A(B):\n    pass\n\n\n"
        "class B(A):\n    pass\n\n\n"
        "y = Net()(torch.zeros(2, 3))\n"
        "z = torch.zeros(2, 3) @ torch.zeros(2, 3)\n"
    )
    expect(tmp_path, monkeypatch, capsys, {"selfish.py": source}, [("selfish.py", "SHP001", 23, 5)])


def test_malformed_shape_declarations(tmp_path, monkeypatch, capsys) -> None:
    source = (
        "import numpy as np\nfrom jaxtyping import Float\n\n\n"
        'def f(x: Float[np.ndarray, "batch (("]) -> Float[np.ndarray, "b c"]:\n'
        "    return x\n\n\n"
        "y = np.zeros((3, 4))  # shape: (3, 4\n"
        "z = np.zeros((3, 4))  # shape: (B, T, ,)\n"
    )
    items = expect(
        tmp_path,
        monkeypatch,
        capsys,
        {"decl.py": source},
        [
            ("decl.py", "SHP100", 5, 28),
            ("decl.py", "SHP100", 9, 1),
            ("decl.py", "SHP100", 10, 1),
        ],
    )
    assert all("invalid shape declaration" in r["message"] for r in items if r["code"] == "SHP100")


# -- the per-file time budget and the crash boundary ----------------------------------------------
def spin(*args: object, **options: object) -> list[object]:
    """An analysis that never ends, in Python code (where a stop can land)."""
    while True:
        pass


def test_analysis_past_its_budget_is_stopped(monkeypatch) -> None:
    import time

    from shapelint.analysis import interpreter
    from shapelint.config import Config
    from shapelint.engine import lint_source

    monkeypatch.setattr(interpreter, "analyse_with_sites", spin)
    limit = sys.getrecursionlimit()
    started = time.monotonic()
    found = lint_source(COMPANION, "slow.py", Config(time_budget=0.5))
    elapsed = time.monotonic() - started
    assert [(d.code, d.start.line, d.start.column, d.message) for d in found] == [
        ("SHP900", 1, 1, "analysis stopped after 0.5 s of CPU (the time budget)" + TIME)
    ]
    assert elapsed < 5
    assert sys.getrecursionlimit() == limit
    monkeypatch.undo()  # the next file is analysed as usual: the stopped thread is gone
    assert [d.code for d in lint_source(COMPANION, "next.py", Config(time_budget=0.5))] == [
        "SHP001"
    ]


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            RecursionError("maximum recursion depth exceeded"),
            "not analysed: nesting too deep" + SPLIT,
        ),
        (KeyError("x"), "internal error: KeyError: 'x'" + BUG),
    ],
)
def test_an_exception_in_the_analysis_is_one_finding(monkeypatch, error, text) -> None:
    from shapelint.analysis import interpreter
    from shapelint.engine import lint_source

    def broken(*args: object, **options: object) -> list[object]:
        raise error

    monkeypatch.setattr(interpreter, "analyse_with_sites", broken)
    found = lint_source(COMPANION, "broken.py")
    assert [(d.code, d.start.line, d.start.column, d.message) for d in found] == [
        ("SHP900", 1, 1, text)
    ]


def test_memory_budget_refuses_a_file_libcst_would_need_too_much_memory_for(tmp_path) -> None:
    """libcst needs about 3.6 KB per syntax node: a file over the memory budget is reported
    once, before libcst ever sees it, and the other file is still linted."""
    source = "import numpy as np\n" + "x = [1, 2, 3, 4]\n" * 2_000 + MISMATCH
    (tmp_path / "shapelint.toml").write_text("memory-budget = 10\n")
    code, items = lint_in_subprocess(tmp_path, {"wide.py": source}, "--config", "shapelint.toml")
    assert summary(items) == [COMPANION_FINDING, ("wide.py", "SHP900", 1, 1)]
    assert message(items, "wide.py") == (
        "not analysed: libcst would need about 62 MiB for its 18,026 syntax nodes, "
        "over the 10 MiB memory budget; raise `memory-budget` in [tool.shapelint] to analyse "
        "this file"
    )
    assert code == 1
