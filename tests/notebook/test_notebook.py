"""Notebooks through the engine and the CLI: cells joined, IPython masked, findings per cell."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shapelint.config import Config
from shapelint.diagnostics import Position
from shapelint.discover import discover
from shapelint.engine import lint_notebook
from shapelint.notebook import MAGIC_VALUE, mask, parse
from shapelint.project import Projects
from tests.notebook.helpers import code, markdown, notebook_text, write_notebook

MISMATCH_CELLS = (
    markdown("# A model"),
    code("import numpy as np", "a = np.ones((64, 784))"),
    code("%matplotlib inline", "!nvidia-smi", "files = !ls", "np.ones?"),
    markdown("Now the product"),
    code("b = np.ones((10, 784))", "", "c = a @ b"),
)


def shapelint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shapelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "PATH": ""},
    )


def test_a_shape_from_an_earlier_cell_is_known_in_a_later_one() -> None:
    text = notebook_text(*MISMATCH_CELLS)
    [diag] = lint_notebook(text, "nb.ipynb")
    assert (diag.code, diag.cell and diag.cell.cell) == ("SHP001", 5)
    assert (diag.start, diag.end) == (Position(3, 5), Position(3, 10))
    assert diag.message == "`@`: inner dimensions differ: (64, 784) @ (10, 784)"


def test_the_file_span_points_into_the_json_text() -> None:
    text = notebook_text(*MISMATCH_CELLS)
    [diag] = lint_notebook(text, "nb.ipynb")
    assert diag.cell is not None
    lines = text.splitlines()
    start, end = diag.cell.file_start, diag.cell.file_end
    assert lines[start.line - 1] == '    "c = a @ b"'
    assert lines[start.line - 1][start.column - 1 : end.column - 1] == "a @ b"


def test_escaped_characters_before_a_finding_keep_the_file_column_right() -> None:
    cell = code("import numpy as np", "a = np.ones((2, 3))", 'é = "\\t"; b = a @ a')
    document = json.loads(notebook_text(cell))
    text = json.dumps(document, indent=1, ensure_ascii=True)  # é as \u00e9, \t as \\t
    [diag] = lint_notebook(text, "nb.ipynb")
    assert diag.cell is not None and (diag.start.line, diag.start.column) == (3, 15)
    raw = text.splitlines()[diag.cell.file_start.line - 1]
    assert raw[diag.cell.file_start.column - 1 : diag.cell.file_end.column - 1] == "a @ a"


def test_a_single_string_source_is_placed_too() -> None:
    cell = code("x")
    cell["source"] = "import numpy as np\na = np.ones((2, 3))\nb = a @ a\n"
    text = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    [diag] = lint_notebook(text, "nb.ipynb")
    assert diag.cell is not None and (diag.cell.cell, diag.start) == (1, Position(3, 5))
    assert diag.cell.file_start.line == 1
    start, end = diag.cell.file_start.column, diag.cell.file_end.column
    assert text[start - 1 : end - 1] == "a @ a"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("%matplotlib inline", "pass"),
        ("  %time f(x)", "  pass"),
        ("!pip install torch", "pass"),
        ("np.ones?", "pass"),
        ("np.ones??", "pass"),
        ("?np.ones", "pass"),
        ("files = !ls", f"files = {MAGIC_VALUE}"),
        ("t = %timeit -o f(x)", f"t = {MAGIC_VALUE}"),
        ("x = 1  # really?", "x = 1  # really?"),
        ("s = '%d' % 3", "s = '%d' % 3"),
    ],
)
def test_ipython_lines_are_masked_in_place(line: str, masked: str) -> None:
    assert mask(f"{line}\ny = 2\n") == f"{masked}\ny = 2\n"


def test_lines_inside_strings_and_brackets_are_not_magics() -> None:
    cell = 'doc = """\n%not a magic\nwhat?\n"""\nvalues = [\n    1,\n]\n'
    assert mask(cell) == cell
    assert mask("!cat a \\\n  b\nx = 1\n") == "pass\n\nx = 1\n"


def test_cell_magics_mask_the_magic_line_or_the_foreign_cell() -> None:
    assert mask("%%time\nx = 1\n") == "pass\nx = 1\n"
    assert mask("%%bash\necho $((1 + 2))\nls\n") == "\n\n\n"


def test_a_foreign_cell_magic_hides_its_cell_from_the_analysis() -> None:
    cells = (
        code("%%writefile m.py", "import numpy as np", "a = np.ones((2, 3)) @ np.ones((4, 5))"),
    )
    assert lint_notebook(notebook_text(*cells), "nb.ipynb") == []


def test_shapes_flow_through_a_python_cell_magic() -> None:
    cells = (code("import numpy as np", "a = np.ones((2, 3))"), code("%%time", "b = a @ a"))
    [diag] = lint_notebook(notebook_text(*cells), "nb.ipynb")
    assert diag.cell is not None and (diag.cell.cell, diag.start) == (2, Position(2, 5))


def test_masked_lines_keep_every_later_line_number() -> None:
    book = parse(notebook_text(*MISMATCH_CELLS))
    assert book is not None
    assert [cell.number for cell in book.cells] == [2, 3, 5]
    assert [cell.first_line for cell in book.cells] == [1, 3, 7]
    assert book.source.splitlines()[8] == "c = a @ b"


def test_noqa_in_a_cell_suppresses_its_finding() -> None:
    cells = (code("import numpy as np", "a = np.ones((2, 3))", "b = a @ a  # noqa: SHP001"),)
    assert lint_notebook(notebook_text(*cells), "nb.ipynb") == []


def test_per_file_ignores_match_notebooks() -> None:
    text = notebook_text(*MISMATCH_CELLS)
    ignored = Config(per_file_ignores=(("notebooks/*.ipynb", ("SHP001",)),))
    assert lint_notebook(text, "notebooks/nb.ipynb", ignored) == []
    assert [d.code for d in lint_notebook(text, "other/nb.ipynb", ignored)] == ["SHP001"]


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('{"cells": [', "notebook could not be read: not valid JSON: Expecting value", (1, 12)),
        ("[]", "notebook could not be read: a notebook is a JSON object", (1, 1)),
        ('{"cells": {}}', "notebook could not be read: a notebook has a list of `cells`", (1, 1)),
        (
            '{"cells": [{"cell_type": "code", "source": 3}]}',
            "notebook could not be read: cell 1: `source` is neither a string nor a list of "
            "strings",
            (1, 1),
        ),
        (
            '{"nbformat": 3, "worksheets": []}',
            "notebook could not be read: notebook format 3 is not supported (format 4 is)",
            (1, 1),
        ),
        ("[" * 100_000, "notebook could not be read: not valid JSON: nested too deeply", (1, 1)),
    ],
)
def test_a_malformed_notebook_is_one_shp900_naming_the_file(
    text: str, message: str, where: tuple[int, int]
) -> None:
    [diag] = lint_notebook(text, "nb.ipynb")
    assert (diag.path, diag.code, diag.message) == ("nb.ipynb", "SHP900", message)
    assert (diag.start.line, diag.start.column) == where


def test_a_syntax_error_is_placed_in_its_cell() -> None:
    cells = (code("import numpy as np"), code("x = (", "y = 2"))
    [diag] = lint_notebook(notebook_text(*cells), "nb.ipynb")
    assert diag.code == "SHP900" and diag.cell is not None and diag.cell.cell == 2
    assert diag.message == "syntax error: '(' was never closed"
    assert diag.start == Position(1, 5)


def test_the_cells_that_parse_are_linted_beside_one_that_does_not() -> None:
    """A cell CPython rejects (a Python 2 ``print``, as in old tutorial notebooks) is one
    SHP900 in that cell; the other cells are analysed with their lines unmoved."""
    cells = (
        code("import numpy as np", "a = np.ones((64, 784))"),
        code("print a.shape"),
        markdown("text"),
        code("w = np.ones((100, 10))", "out = a @ w"),
        code("def f(:", "    pass"),
    )
    found = lint_notebook(notebook_text(*cells), "nb.ipynb")
    assert [(d.code, d.cell.cell if d.cell else None, d.start) for d in found] == [
        ("SHP900", 2, Position(1, 1)),
        ("SHP001", 4, Position(2, 7)),
        ("SHP900", 5, Position(1, 7)),
    ]
    assert found[0].message.startswith("syntax error: Missing parentheses in call to 'print'")


def test_a_notebook_of_another_language_is_not_linted() -> None:
    cells = (code("x <- c(1, 2)", "y = a @ b ("),)
    assert lint_notebook(notebook_text(*cells, language="R"), "nb.ipynb") == []


def test_directory_walks_find_notebooks(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", *MISMATCH_CELLS)
    (tmp_path / "m.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("x\n")
    found = discover([str(tmp_path)], Projects(lambda config: config, cwd=tmp_path))
    assert [Path(p).name for p in found] == ["m.py", "nb.ipynb"]


def test_check_names_the_cell_in_every_format(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", *MISMATCH_CELLS)
    text = shapelint("check", "nb.ipynb", "--no-cache", cwd=tmp_path)
    assert text.returncode == 1
    assert text.stdout == (
        "nb.ipynb:cell 5:3:5: SHP001 `@`: inner dimensions differ: (64, 784) @ (10, 784)\n"
        "  |\n3 | c = a @ b\n  |     ^^^^^ SHP001\n  |\n"
        "help: transpose `b`: the product is then (64, 10)\n\nFound 1 finding.\n"
    )
    concise = shapelint("check", "nb.ipynb", "--output-format", "concise", cwd=tmp_path)
    assert concise.stdout.splitlines()[0] == (
        "nb.ipynb:cell 5:3:5: SHP001 `@`: inner dimensions differ: (64, 784) @ (10, 784)"
    )
    [record] = json.loads(
        shapelint("check", "nb.ipynb", "--output-format", "json", cwd=tmp_path).stdout
    )
    assert (record["cell"], record["location"], record["end_location"]) == (
        5,
        {"row": 3, "column": 5},
        {"row": 3, "column": 10},
    )
    raw_lines = (tmp_path / "nb.ipynb").read_text().splitlines()
    line = next(i for i, row in enumerate(raw_lines, 1) if row == '    "c = a @ b"')
    sarif = json.loads(
        shapelint("check", "nb.ipynb", "--output-format", "sarif", cwd=tmp_path).stdout
    )
    [result] = sarif["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line, "startColumn": 10, "endLine": line, "endColumn": 15}
    github = shapelint("check", "nb.ipynb", "--output-format", "github", cwd=tmp_path).stdout
    assert f"file=nb.ipynb,line={line},col=10,endLine={line},endColumn=15::" in github


def test_notebook_findings_survive_the_cache(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", *MISMATCH_CELLS)
    cold = shapelint("check", "nb.ipynb", "--output-format", "json", cwd=tmp_path)
    assert (tmp_path / ".shapelint_cache" / "entries").is_dir()
    warm = shapelint("check", "nb.ipynb", "--output-format", "json", cwd=tmp_path)
    assert warm.stdout == cold.stdout
    assert json.loads(warm.stdout)[0]["cell"] == 5


def test_stdin_with_a_notebook_name_is_linted_as_a_notebook(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "-", "--stdin-filename", "nb.ipynb"],
        input=notebook_text(*MISMATCH_CELLS),
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.stdout.startswith("nb.ipynb:cell 5:3:5: SHP001")


def test_shapes_shows_each_cell_with_its_shapes(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", *MISMATCH_CELLS)
    result = shapelint("shapes", "nb.ipynb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    legend, _, cells = result.stdout.partition("\n")
    assert legend.startswith("# legend: ?")
    blocks = re.split(r"\n(?=# cell )", cells)
    assert [block.splitlines()[0] for block in blocks] == ["# cell 2", "# cell 3", "# cell 5"]
    assert blocks[0].splitlines()[2].split("# ")[-1] == "a: (64, 784)"
    assert blocks[1].splitlines()[1:] == [
        "%matplotlib inline",
        "!nvidia-smi",
        "files = !ls",
        "np.ones?",
    ]
    assert blocks[2].splitlines()[1].split("# ")[-1] == "b: (10, 784)"


def test_noqa_and_per_file_ignores_hold_through_the_cli_and_its_cache(tmp_path: Path) -> None:
    """The CLI applies the selection after the cached analysis: a cell's noqa and a
    per-file-ignores pattern for notebooks must still hold there, cold and warm."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.shapelint]\nper-file-ignores = {"ignored/*.ipynb" = ["SHP001"]}\n'
    )
    bug = ("import numpy as np", "a = np.ones((2, 3))", "b = a @ a")
    (tmp_path / "ignored").mkdir()
    write_notebook(tmp_path / "ignored" / "nb.ipynb", code(*bug))
    write_notebook(tmp_path / "quiet.ipynb", code(*bug[:2], "b = a @ a  # noqa: SHP001"))
    write_notebook(tmp_path / "loud.ipynb", code(*bug))
    for _ in ("cold", "warm"):
        result = shapelint("check", ".", "--output-format", "concise", cwd=tmp_path)
        assert result.stdout.splitlines() == [
            "loud.ipynb:cell 1:3:5: SHP001 `@`: inner dimensions differ: (2, 3) @ (2, 3)",
            "Found 1 finding.",
        ]
        assert result.returncode == 1


def test_a_call_site_in_another_cell_is_related_with_its_cell_cold_and_warm(
    tmp_path: Path,
) -> None:
    write_notebook(
        tmp_path / "nb.ipynb",
        code("import numpy as np", "def project(x, w):", "    return x @ w"),
        markdown("Now call it"),
        code("%time z = 1", "y = project(np.ones((4, 3)), np.ones((4, 5)))"),
    )
    outputs = []
    for _ in ("cold", "warm"):
        result = shapelint("check", "nb.ipynb", "--output-format", "json", cwd=tmp_path)
        [record] = json.loads(result.stdout)
        assert (record["cell"], record["location"]) == (1, {"row": 3, "column": 12})
        assert record["related"] == [
            {
                "message": "called with (4, 3), (4, 5)",
                "location": {"row": 2, "column": 5},
                "end_location": {"row": 2, "column": 46},
                "cell": 3,
            }
        ]
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert (tmp_path / ".shapelint_cache" / "entries").is_dir()


def test_file_level_and_unused_noqa_are_read_on_the_cells_cold_and_warm(tmp_path: Path) -> None:
    bug = ("import numpy as np", "a = np.ones((2, 3))", "b = a @ a")
    write_notebook(tmp_path / "whole.ipynb", code(*bug), markdown("x"), code("# shapelint: noqa"))
    write_notebook(tmp_path / "codes.ipynb", code("# shapelint: noqa: SHP0", *bug))
    write_notebook(tmp_path / "other.ipynb", code("# shapelint: noqa: SHP006", *bug))
    write_notebook(
        tmp_path / "unused.ipynb", markdown("x"), code(*bug[:2], "c = a + a  # noqa: SHP001")
    )
    for _ in ("cold", "warm"):
        result = shapelint(
            "check", ".", "--output-format", "concise", "--extend-select", "SHP901", cwd=tmp_path
        )
        assert result.stdout.splitlines() == [
            "other.ipynb:cell 1:4:5: SHP001 `@`: inner dimensions differ: (2, 3) @ (2, 3)",
            "unused.ipynb:cell 2:3:20: SHP901 unused `noqa` code SHP001: no SHP001 finding on "
            "this line; remove it",
            "Found 2 findings.",
        ]


def test_add_noqa_writes_into_the_cells_json_strings_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "nb.ipynb",
        markdown("# ü"),
        code("import numpy as np", "a = np.ones((2, 3))", "b = a @ a  # noqa: SHP002"),
        code("%time 3", 'print("ü")', "d = a @ a"),
    )
    before = path.read_text(encoding="utf-8")
    result = shapelint("check", "nb.ipynb", "--add-noqa", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Added 2 noqa directives." in result.stderr
    after = path.read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [
        ('    "b = a @ a  # noqa: SHP002"', '    "b = a @ a  # noqa: SHP002, SHP001"'),
        ('    "d = a @ a"', '    "d = a @ a  # noqa: SHP001"'),
    ]
    assert json.loads(after)["cells"][2]["source"][1] == 'print("ü")\n'
    clean = shapelint("check", "nb.ipynb", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "All checks passed!\n")
    unused = shapelint("check", "nb.ipynb", "--select", "SHP901", "--output-format", "concise",
                       cwd=tmp_path)  # fmt: skip
    assert unused.stdout.splitlines()[0] == (
        "nb.ipynb:cell 2:3:20: SHP901 unused `noqa` code SHP002: no SHP002 finding on this "
        "line; remove it"
    )
