"""``# noqa`` comments: line-level and file-level suppression, unused ones, and ``--add-noqa``.

Comments are found with the tokenizer, not a regex over lines, so ``# noqa`` inside a string
is not a directive. A file the tokenizer gives up on (a syntax error) still has its earlier
lines' comments, and each later line is tokenised on its own: ``# noqa: SHP900`` works on
every line that can be tokenised. As in ruff, a finding inside a multi-line string is
suppressed by a comment after the string's last line.

The semantics are flake8's and ruff's: ``# noqa`` silences every code on its line,
``# noqa: SHP001, SHP002`` only those (a prefix such as ``SHP0`` counts), ``# shapelint: noqa``
on a line of its own silences the whole file and ``# shapelint: noqa: CODES`` those codes in
it. Suppression runs on the unfiltered findings, so ``unused_noqa`` can tell a code that
silences nothing from one that silences a finding the selection would have hidden anyway.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from shapelint.diagnostics import Diagnostic, Position, Severity

UNUSED_NOQA = "SHP901"
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)
_CODES = r"[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*"
_LINE = re.compile(rf"#\s*noqa(?::\s?(?P<codes>{_CODES}))?", re.IGNORECASE)
_FILE = re.compile(rf"#\s*shapelint\s*:\s*noqa(?:\s*:\s*(?P<codes>{_CODES}))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    """One ``# noqa``: the line it covers, where it is, and its codes (None: every code)."""

    line: int
    column: int  # 1-based column of the ``#``
    codes: tuple[str, ...] | None
    code_columns: tuple[int, ...] = ()  # 1-based column of each code


@dataclass(frozen=True)
class Directives:
    lines: dict[int, Directive]  # by the line whose findings it covers
    file_codes: tuple[str, ...] | None  # ``# shapelint: noqa``: None none, () every code
    string_ends: dict[int, int]  # line inside a multi-line string -> the string's last line
    untokenisable: frozenset[int]  # lines no comment could be read from


def read_directives(text: str) -> Directives:
    """Every noqa comment of a file, found by tokenising it."""
    lines: dict[int, Directive] = {}
    string_ends: dict[int, int] = {}
    file_codes: tuple[str, ...] | None = None
    source_lines = text.splitlines(keepends=True)
    failed_at = len(source_lines) + 1
    try:
        for token in _tokens(text):
            if token.type == tokenize.COMMENT:
                own = _own_line(token)
                file_codes = _note(lines, file_codes, token.string, *token.start, own)
            elif token.start[0] != token.end[0] and token.type == tokenize.STRING:
                for line in range(token.start[0], token.end[0]):
                    string_ends[line] = token.end[0]
    except (tokenize.TokenError, SyntaxError) as exc:
        failed_at = _failure_line(exc, failed_at)
    untokenisable = set()
    for number in range(failed_at, len(source_lines) + 1):
        try:
            for token in _tokens(source_lines[number - 1]):
                if token.type == tokenize.COMMENT:
                    own = _own_line(token)
                    file_codes = _note(lines, file_codes, token.string, number, token.start[1], own)
        except (tokenize.TokenError, SyntaxError):
            untokenisable.add(number)
    return Directives(lines, file_codes, string_ends, frozenset(untokenisable))


def _own_line(token: tokenize.TokenInfo) -> bool:
    """A comment with nothing before it on its line (where file-level directives go)."""
    return not token.line[: token.start[1]].strip()


def _tokens(text: str) -> Iterator[tokenize.TokenInfo]:
    return tokenize.generate_tokens(io.StringIO(text).readline)


def _failure_line(exc: Exception, default: int) -> int:
    """The line the tokenizer stopped at (TokenError carries ``(message, (line, column))``)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    args: tuple[object, ...] = exc.args
    where = args[1] if len(args) > 1 else None
    if isinstance(where, tuple) and where and isinstance(where[0], int):
        return where[0]
    return default


def _note(
    lines: dict[int, Directive],
    file_codes: tuple[str, ...] | None,
    comment: str,
    line: int,
    column: int,
    own_line: bool,
) -> tuple[str, ...] | None:
    """Record a comment's directive; returns the file-level codes so far."""
    whole_file = _FILE.match(comment) if own_line else None
    if whole_file is not None:
        codes = _codes(whole_file.group("codes"))
        if codes is None or file_codes == ():
            return ()
        return (*(file_codes or ()), *codes)
    match = _LINE.search(comment)
    if match is not None:
        codes_text = match.group("codes")
        columns: tuple[int, ...] = ()
        if codes_text is not None:
            offset = match.start("codes")
            columns = tuple(column + offset + m.start() + 1 for m in _CODE.finditer(codes_text))
        lines[line] = Directive(line, column + 1, _codes(codes_text), columns)
    return file_codes


def _codes(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(c.upper() for c in _CODE.findall(text))


def _covers(codes: tuple[str, ...] | None, code: str) -> bool:
    return codes is None or any(code.startswith(c) for c in codes)


def _directive_for(directives: Directives, line: int) -> Directive | None:
    return directives.lines.get(directives.string_ends.get(line, line))


def suppress(diagnostics: Sequence[Diagnostic], text: str) -> list[Diagnostic]:
    """The findings no noqa comment silences."""
    if not diagnostics:
        return []
    directives = read_directives(text)
    return [d for d in diagnostics if not _silenced(directives, d)]


def _silenced(directives: Directives, diag: Diagnostic) -> bool:
    if directives.file_codes is not None and (
        directives.file_codes == () or _covers(directives.file_codes, diag.code)
    ):
        return True
    directive = _directive_for(directives, diag.start.line)
    return directive is not None and _covers(directive.codes, diag.code)


def unused_noqa(diagnostics: Sequence[Diagnostic], text: str, path: str) -> list[Diagnostic]:
    """An SHP901 for each shapelint code in a ``# noqa: ...`` that silences no finding on its
    line. ``diagnostics`` must be the unfiltered findings; other tools' codes and blanket
    ``# noqa`` comments are left alone."""
    directives = read_directives(text)
    used: set[tuple[int, str]] = set()
    for diag in diagnostics:
        directive = _directive_for(directives, diag.start.line)
        if directive is not None and directive.codes:
            used.update((directive.line, c) for c in directive.codes if diag.code.startswith(c))
    out = []
    for directive in directives.lines.values():
        for code, column in zip(directive.codes or (), directive.code_columns):
            if not code.startswith("SHP") or code == UNUSED_NOQA or (directive.line, code) in used:
                continue
            message = f"unused `noqa` code {code}: no {code} finding on this line; remove it"
            start, end = (
                Position(directive.line, column),
                Position(directive.line, column + len(code)),
            )
            out.append(Diagnostic(path, start, end, UNUSED_NOQA, message, Severity.WARNING))
    return out


def add_noqa(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, int, int]:
    """``text`` with a ``# noqa: CODE`` for each finding, merged into an existing noqa
    comment; returns the new text, the comments written and the findings that could not take
    one (a line the tokenizer cannot read or that ends in a backslash continuation)."""
    directives = read_directives(text)
    lines = text.splitlines(keepends=True)
    wanted: dict[int, list[str]] = {}
    skipped = 0
    for diag in diagnostics:
        line = directives.string_ends.get(diag.start.line, diag.start.line)
        if not 0 < line <= len(lines) or line in directives.untokenisable:
            skipped += 1
            continue
        body = lines[line - 1].rstrip("\r\n")
        existing = directives.lines.get(line)
        if existing is not None and _covers(existing.codes, diag.code):
            continue
        if existing is None and body.endswith("\\"):
            skipped += 1
            continue
        codes = wanted.setdefault(line, [])
        if diag.code not in codes:
            codes.append(diag.code)
    for line, codes in wanted.items():
        raw = lines[line - 1]
        body = raw.rstrip("\r\n")
        ending = raw[len(body) :]
        existing = directives.lines.get(line)
        if existing is not None and existing.codes is not None:
            merged = ", ".join((*existing.codes, *codes))
            start = existing.column - 1
            match = _LINE.search(body, start)
            assert match is not None  # the tokenizer found this directive here
            body = f"{body[: match.start()]}# noqa: {merged}{body[match.end() :]}"
        else:
            body = f"{body}  # noqa: {', '.join(codes)}"
        lines[line - 1] = body + ending
    return "".join(lines), len(wanted), skipped
