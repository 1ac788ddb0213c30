"""``shapelint server`` driven as an editor drives it: a real LSP client over stdio."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.client import Client

BUGGY = (
    "import numpy as np\n"
    "a = np.ones((64, 784))\n"
    "b = np.ones((10, 784))\n"
    's = "🙂"; c = a @ b\n'
    "w = np.ones((784, 10))\n"
    "y = a @ w\n"
)
CAPABILITIES: dict[str, Any] = {
    "textDocument": {
        "synchronization": {"didSave": True},
        "publishDiagnostics": {"versionSupport": True},
        "hover": {"contentFormat": ["markdown"]},
        "inlayHint": {},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
    },
    "notebookDocument": {"synchronization": {}},
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("project")


@pytest.fixture(scope="module")
def client(project: Path) -> Iterator[Client]:
    editor = Client(project)
    result = editor.request(
        "initialize",
        {"processId": None, "rootUri": project.as_uri(), "capabilities": CAPABILITIES},
    )
    assert result["serverInfo"]["name"] == "shapelint"
    editor.notify("initialized", {})
    yield editor
    if editor.process.poll() is None:
        editor.process.kill()


def open_file(client: Client, path: Path, text: str) -> dict[str, Any]:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": item})
    return client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)


def span(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def test_the_server_advertises_what_it_does(client: Client, project: Path) -> None:
    again = Client(project)
    try:
        result = again.request(
            "initialize", {"processId": None, "rootUri": None, "capabilities": CAPABILITIES}
        )
        capabilities = result["capabilities"]
        assert capabilities["hoverProvider"] is True
        assert capabilities["inlayHintProvider"] == {"resolveProvider": False}
        assert capabilities["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
        assert capabilities["textDocumentSync"]["change"] == 2  # incremental
        selector = capabilities["notebookDocumentSync"]["notebookSelector"]
        assert selector == [{"notebook": "jupyter-notebook", "cells": [{"language": "python"}]}]
        again.notify("initialized", {})
        assert again.close() == 0
    finally:
        if again.process.poll() is None:
            again.process.kill()


def test_opening_a_buggy_file_publishes_its_finding_in_utf16_columns(
    client: Client, project: Path
) -> None:
    published = open_file(client, project / "open.py", BUGGY)
    assert published["version"] == 1
    [diagnostic] = published["diagnostics"]
    # code points: `a` is column 14 (0-based 13); the emoji is two UTF-16 units
    assert diagnostic["range"] == span(3, 14, 19)
    assert (diagnostic["code"], diagnostic["severity"], diagnostic["source"]) == (
        "SHP001",
        1,
        "shapelint",
    )
    assert diagnostic["message"] == "`@`: inner dimensions differ: (64, 784) @ (10, 784)"
    assert diagnostic["codeDescription"]["href"].endswith("/rules/SHP001.md")


def test_hover_shows_a_names_shape_and_where_it_came_from(client: Client, project: Path) -> None:
    path = project / "hover.py"
    open_file(client, path, BUGGY)
    document = {"uri": path.as_uri()}
    on_a = client.request(
        "textDocument/hover", {"textDocument": document, "position": {"line": 3, "character": 14}}
    )
    assert on_a["contents"] == {
        "kind": "markdown",
        "value": "`a`: `(64, 784)`\n\nassigned on line 2: `a = np.ones((64, 784))`",
    }
    on_product = client.request(
        "textDocument/hover", {"textDocument": document, "position": {"line": 5, "character": 6}}
    )
    assert on_product["contents"]["value"] == "`a @ w`: `(64, 10)`\n\n(`@`)"
    on_nothing = client.request(
        "textDocument/hover", {"textDocument": document, "position": {"line": 0, "character": 0}}
    )
    assert on_nothing is None


def test_inlay_hints_show_the_shape_after_each_assignment(client: Client, project: Path) -> None:
    path = project / "hints.py"
    open_file(client, path, BUGGY)
    hints = client.request(
        "textDocument/inlayHint",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": span(0, 0, 0) | {"end": {"line": 6, "character": 0}},
        },
    )
    shown = [(h["position"]["line"], h["position"]["character"], h["label"]) for h in hints]
    # `c` is unknown after the failing product, `s` is no tensor: no hint for either
    assert shown == [
        (1, 1, ": (64, 784)"),
        (2, 1, ": (10, 784)"),
        (4, 1, ": (784, 10)"),
        (5, 1, ": (64, 10)"),
    ]
    assert {h["kind"] for h in hints} == {1}  # type hints


def test_a_code_action_applies_the_fix_and_the_finding_goes(client: Client, project: Path) -> None:
    path = project / "action.py"
    uri = path.as_uri()
    [diagnostic] = open_file(client, path, BUGGY)["diagnostics"]
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    [action] = actions
    assert (action["title"], action["kind"], action["isPreferred"]) == (
        "SHP001: transpose `b`: the product is then (64, 10)",
        "quickfix",
        True,
    )
    assert action["diagnostics"] == [diagnostic]
    [edit] = action["edit"]["changes"][uri]
    assert edit == {"range": span(3, 14, 19), "newText": "a @ b.T"}
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}],
        },
    )
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert (published["version"], published["diagnostics"]) == (2, [])
    elsewhere = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": span(0, 0, 1), "context": {"diagnostics": []}},
    )
    assert elsewhere == []


def test_changes_are_debounced_and_the_fixed_file_goes_quiet(client: Client, project: Path) -> None:
    path = project / "edit.py"
    uri = path.as_uri()
    open_file(client, path, BUGGY)
    # `(10, 784)` on line 3 retyped as `(784, 10)` in three quick edits
    for version, end, text in ((2, 21, "(10, 78)"), (3, 20, "(10, 7)"), (4, 19, "(784, 10)")):
        change = {"range": span(2, 12, end), "text": text}
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert (published["version"], published["diagnostics"]) == (4, [])
    client.drain(1.0)
    later = [n for n in client.notifications if n["params"].get("uri") == uri]
    assert later == []  # one analysis for three quick changes


def test_a_notebook_publishes_on_the_cell_that_holds_the_finding(
    client: Client, project: Path
) -> None:
    notebook = (project / "nb.ipynb").as_uri()
    cells = [notebook + "#cell1", notebook + "#cell2", notebook + "#cell3"]
    kinds = [2, 1, 2]  # code, markdown, code
    languages = ["python", "markdown", "python"]
    texts = [
        "import numpy as np\na = np.ones((64, 784))\n",
        "The product\n",
        "%time z = 1\nb = np.ones((10, 784))\nc = a @ b\n",
    ]
    client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": notebook,
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [{"kind": k, "document": uri} for k, uri in zip(kinds, cells)],
            },
            "cellTextDocuments": [
                {"uri": uri, "languageId": language, "version": 1, "text": text}
                for uri, language, text in zip(cells, languages, texts)
            ],
        },
    )
    first = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == cells[0])
    second = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == cells[2])
    assert first["diagnostics"] == []
    [diagnostic] = second["diagnostics"]
    assert diagnostic["range"] == span(2, 4, 9)

    def hover(character: int) -> str:
        position = {"line": 2, "character": character}
        answer = client.request(
            "textDocument/hover", {"textDocument": {"uri": cells[2]}, "position": position}
        )
        return str(answer["contents"]["value"])

    assert hover(4) == "`a`: `(64, 784)`\n\nassigned on cell 1, line 2: `a = np.ones((64, 784))`"
    assert hover(8) == "`b`: `(10, 784)`\n\nassigned on cell 3, line 2: `b = np.ones((10, 784))`"
    [action] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": cells[2]},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    assert action["edit"]["changes"] == {cells[2]: [{"range": span(2, 4, 9), "newText": "a @ b.T"}]}
    edit = {"range": span(1, 12, 21), "text": "(784, 10)"}  # cell 3: b = np.ones((784, 10))
    client.notify(
        "notebookDocument/didChange",
        {
            "notebookDocument": {"uri": notebook, "version": 2},
            "change": {
                "cells": {
                    "textContent": [
                        {"document": {"uri": cells[2], "version": 2}, "changes": [edit]}
                    ]
                }
            },
        },
    )
    again = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == cells[2])
    assert (again["version"], again["diagnostics"]) == (2, [])


def test_a_broken_config_is_shown_once_and_the_defaults_are_used(
    client: Client, project: Path
) -> None:
    broken = project / "broken"
    broken.mkdir()
    (broken / "pyproject.toml").write_text("[tool.shapelint]\nselekt = ['SHP001']\n")
    published = open_file(client, broken / "model.py", BUGGY)
    assert [d["code"] for d in published["diagnostics"]] == ["SHP001"]
    shown = client.wait_for("window/showMessage")
    assert shown["type"] == 1
    assert shown["message"].startswith("shapelint: ")
    assert "unknown key `selekt`" in shown["message"]
    assert shown["message"].endswith("; using the default settings")
    open_file(client, broken / "other.py", BUGGY)
    client.drain(0.5)
    assert [n for n in client.notifications if n["method"] == "window/showMessage"] == []


def test_settings_come_from_the_projects_pyproject(client: Client, project: Path) -> None:
    configured = project / "configured"
    configured.mkdir()
    (configured / "pyproject.toml").write_text(
        "[tool.shapelint]\nper-file-ignores = { 'quiet/*' = ['SHP001'] }\n"
    )
    (configured / "quiet").mkdir()
    assert open_file(client, configured / "quiet" / "model.py", BUGGY)["diagnostics"] == []
    loud = open_file(client, configured / "model.py", BUGGY)["diagnostics"]
    assert [d["code"] for d in loud] == ["SHP001"]
    assert (configured / ".shapelint_cache" / "entries").is_dir()  # the CLI's cache


def test_shutdown_and_exit(project: Path) -> None:
    editor = Client(project)
    try:
        editor.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        editor.notify("initialized", {})
        assert editor.close() == 0
    finally:
        if editor.process.poll() is None:
            editor.process.kill()


def test_without_pygls_the_command_says_how_to_get_it() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; from shapelint.cli import main; "
        "sys.exit(main(['server']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "shapelint: error: `shapelint server` needs pygls: pip install 'shapelint[server]'\n"
    )


def test_a_finding_inside_a_function_names_the_call_that_gave_its_shapes(
    client: Client, project: Path
) -> None:
    text = (
        "import numpy as np\n"
        "\n"
        "def project(x, w):\n"
        "    return x @ w\n"
        "\n"
        "def run(x):\n"
        "    return project(x, np.ones((4, 5)))\n"
        "\n"
        "y = run(np.ones((4, 3)))\n"
    )
    published = open_file(client, project / "calls.py", text)
    [diagnostic] = published["diagnostics"]
    assert diagnostic["range"] == span(3, 11, 16)
    uri = (project / "calls.py").as_uri()
    assert diagnostic["relatedInformation"] == [
        {
            "location": {"uri": uri, "range": span(8, 4, 24)},
            "message": "called with (4, 3)",
        },
        {
            "location": {"uri": uri, "range": span(6, 11, 38)},
            "message": "called with (4, 3), (4, 5)",
        },
    ]


def test_a_call_site_in_another_cell_is_related_on_that_cell(client: Client, project: Path) -> None:
    notebook = (project / "calls.ipynb").as_uri()
    cells = [notebook + "#cell1", notebook + "#cell2"]
    texts = [
        "import numpy as np\ndef project(x, w):\n    return x @ w\n",
        "%time z = 1\ny = project(np.ones((4, 3)), np.ones((4, 5)))\n",
    ]
    client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": notebook,
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [{"kind": 2, "document": uri} for uri in cells],
            },
            "cellTextDocuments": [
                {"uri": uri, "languageId": "python", "version": 1, "text": text}
                for uri, text in zip(cells, texts)
            ],
        },
    )
    first = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == cells[0])
    [diagnostic] = first["diagnostics"]
    assert diagnostic["range"] == span(2, 11, 16)
    assert diagnostic["relatedInformation"] == [
        {
            "location": {"uri": cells[1], "range": span(1, 4, 45)},
            "message": "called with (4, 3), (4, 5)",
        }
    ]
