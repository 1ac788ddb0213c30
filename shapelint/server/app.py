"""The language server: diagnostics, hovers with shapes, inlay hints and quick fixes.

Diagnostics come on open and save at once and on change after a short quiet time (typing
should not start an analysis per key). The analysis runs in a worker thread, so requests
are answered while a file is analysed; a result for a version the editor has moved past is
dropped. Notebooks are linted as on disk: the code cells joined in order, each finding
published on its cell.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from shapelint import __version__
from shapelint.diagnostics import Diagnostic
from shapelint.insight import Insight, insight
from shapelint.server import convert, pipeline

DEBOUNCE_SECONDS = 0.3  # quiet time after a change before it is analysed
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook="jupyter-notebook", cells=[types.NotebookCellLanguage(language="python")]
        )
    ],
    save=True,
)


@dataclass
class Analysed:
    """What was last published for a document (a file, or one cell of a notebook)."""

    version: int | None
    diagnostics: list[Diagnostic]
    first_line: int = 1  # the joined-source line where a notebook cell starts
    notebook: str | None = None  # the notebook a cell belongs to


@dataclass
class _NotebookState:
    """A notebook's joined source, for hovers and hints on its cells."""

    cells: list[str]  # cell document URIs, code cells in order
    numbers: list[int]  # each one's place among all the notebook's cells, from 1
    first_lines: list[int]
    source: str

    def place(self, line: int) -> str:
        """A joined-source line as the reader finds it: ``cell 2, line 1``."""
        index = convert.cell_index(self.first_lines, line)
        return f"cell {self.numbers[index]}, line {line - self.first_lines[index] + 1}"


class ShapelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "shapelint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=NOTEBOOK_SYNC,
        )
        self.debounce = DEBOUNCE_SECONDS
        self.documents: dict[str, Analysed] = {}
        self.notebooks: dict[str, _NotebookState] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.insights: dict[tuple[str, int], Insight | None] = {}
        self.told: set[str] = set()  # config problems already shown

    # -- linting -----------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds unless another change comes first."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        notebook = self.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is not None:
            await self.lint_notebook(notebook)
        else:
            await self.lint_text(uri)

    async def lint_text(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        path = pipeline.default_path(to_fs_path(uri))
        loop = asyncio.get_running_loop()
        diagnostics = await loop.run_in_executor(None, pipeline.lint_buffer, text, path)
        if self.workspace.get_text_document(uri).version != version:
            return  # edited meanwhile: the newer version is on its way
        self._tell_config_problem(path)
        self.documents[uri] = Analysed(version, diagnostics)
        self._publish(uri, document, diagnostics, 1, version)

    async def lint_notebook(self, notebook: types.NotebookDocument) -> None:
        code = [
            (number, c.document)
            for number, c in enumerate(notebook.cells, start=1)
            if c.kind == types.NotebookCellKind.Code
            and self.workspace.get_text_document(c.document).language_id in (None, "python")
        ]
        cells = [uri for _, uri in code]
        texts = [self.workspace.get_text_document(uri).source for uri in cells]
        path = pipeline.default_path(to_fs_path(notebook.uri))
        loop = asyncio.get_running_loop()
        diagnostics, source, first_lines = await loop.run_in_executor(
            None, pipeline.lint_cells, texts, path
        )
        if [self.workspace.get_text_document(uri).source for uri in cells] != texts:
            return  # edited meanwhile
        self._tell_config_problem(path)
        numbers = [number for number, _ in code]
        self.notebooks[notebook.uri] = _NotebookState(cells, numbers, first_lines, source)
        per_cell: dict[int, list[Diagnostic]] = {i: [] for i in range(len(cells))}
        for diagnostic in diagnostics:
            per_cell[convert.cell_index(first_lines, diagnostic.start.line)].append(diagnostic)
        for index, uri in enumerate(cells):
            document = self.workspace.get_text_document(uri)
            self.documents[uri] = Analysed(
                document.version, per_cell[index], first_lines[index], notebook.uri
            )
            self._publish(uri, document, per_cell[index], first_lines[index], document.version)

    def _tell_config_problem(self, path: Path) -> None:
        """A config file that cannot be read is shown once; linting goes on with defaults
        (an editor has no exit code to carry it, as ``shapelint check`` does)."""
        problem = pipeline.project_for(path).problem
        if problem is not None and problem not in self.told:
            self.told.add(problem)
            message = f"shapelint: {problem}; using the default settings"
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=message)
            )

    def _publish(
        self,
        uri: str,
        document: TextDocument,
        diagnostics: list[Diagnostic],
        first_line: int,
        version: int | None,
    ) -> None:
        place = self.placer(uri, document)
        items = [convert.diagnostic(document, d, first_line, place) for d in diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version)
        )

    def placer(self, uri: str, document: TextDocument) -> convert.Placer:
        """Where a line of what was linted for ``uri`` is shown: in the document itself, or,
        for a notebook cell, in the cell of the joined source that holds the line."""
        known = self.documents.get(uri)
        state = self.notebooks.get(known.notebook) if known and known.notebook else None
        if state is None:
            return lambda line: (uri, document, 1)
        cells = state

        def in_cell(line: int) -> tuple[str, TextDocument, int]:
            index = convert.cell_index(cells.first_lines, line)
            cell = cells.cells[index]
            return cell, self.workspace.get_text_document(cell), cells.first_lines[index]

        return in_cell

    # -- shapes ------------------------------------------------------------------------
    async def insight_for(self, uri: str) -> tuple[Insight | None, int, _NotebookState | None]:
        """The shapes of the document holding ``uri``, the line its text starts at, and its
        notebook, if it is a cell."""
        known = self.documents.get(uri)
        if known is not None and known.notebook is not None:
            state = self.notebooks.get(known.notebook)
            if state is not None and uri in state.cells:
                first = state.first_lines[state.cells.index(uri)]
                return await self._insight(known.notebook, None, state.source), first, state
        document = self.workspace.get_text_document(uri)
        return await self._insight(uri, document.version, document.source), 1, None

    async def _insight(self, key: str, version: int | None, text: str) -> Insight | None:
        cached_key = (key, hash((version, text)))
        if cached_key not in self.insights:
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(None, insight, text)
            self.insights = {k: v for k, v in self.insights.items() if k[0] != key}
            self.insights[cached_key] = found
        return self.insights[cached_key]


def build() -> ShapelintServer:
    server = ShapelintServer()
    _register(server)
    return server


def _register(server: ShapelintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: ShapelintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(float(options["debounce"]), 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: ShapelintServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.workspace.get_notebook_document(cell_uri=params.text_document.uri) is None:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: ShapelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ShapelintServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(to_fs_path(params.text_document.uri) or "").name == "pyproject.toml":
            pipeline.forget_projects()
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ShapelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    async def notebook_open(ls: ShapelintServer, params: Any) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    async def notebook_change(ls: ShapelintServer, params: Any) -> None:
        ls.schedule(params.notebook_document.uri, ls.debounce)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    async def notebook_save(ls: ShapelintServer, params: Any) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    async def notebook_close(ls: ShapelintServer, params: Any) -> None:
        state = ls.notebooks.pop(params.notebook_document.uri, None)
        for uri in state.cells if state is not None else []:
            ls.documents.pop(uri, None)
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ShapelintServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        found, first, notebook = await ls.insight_for(params.text_document.uri)
        if found is None:
            return None
        position = convert.from_client(document, params.position, first)
        text = found.hover(position, notebook.place if notebook is not None else None)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
    async def inlay_hints(
        ls: ShapelintServer, params: types.InlayHintParams
    ) -> list[types.InlayHint]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        found, first, _ = await ls.insight_for(params.text_document.uri)
        if found is None:
            return []
        wanted = (params.range.start.line, params.range.end.line)
        hints = []
        for position, label in found.inlay_hints():
            line = position.line - first
            if not (0 <= line < len(document.lines) and wanted[0] <= line <= wanted[1]):
                continue
            hints.append(
                types.InlayHint(
                    position=convert.to_client(document, position, first),
                    label=label,
                    kind=types.InlayHintKind.Type,
                    padding_left=False,
                )
            )
        return hints

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: ShapelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        known = ls.documents.get(uri)
        if known is None:
            return []
        document = ls.workspace.get_text_document(uri)
        actions = []
        for diagnostic in known.diagnostics:
            if diagnostic.fix is None:
                continue
            place = ls.placer(uri, document)
            item = convert.diagnostic(document, diagnostic, known.first_line, place)
            if not convert.overlaps(item.range, params.range):
                continue
            edits = convert.text_edits(ls, known, diagnostic.fix, uri)
            if edits is None:
                continue
            actions.append(
                types.CodeAction(
                    title=f"{diagnostic.code}: {diagnostic.fix.message}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[item],
                    edit=types.WorkspaceEdit(changes=edits),
                    is_preferred=True,
                )
            )
        return actions
